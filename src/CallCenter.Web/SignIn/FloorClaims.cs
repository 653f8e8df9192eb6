using System.Security.Claims;

namespace CallCenter.Web.SignIn;

public static class FloorClaims
{
    /// <summary>The API's agent id of a signed-in agent (AGT-001…); supervisors and admins have none.</summary>
    public const string AgentId = "agent_id";

    public static string? AgentIdOf(this ClaimsPrincipal user) => user.FindFirstValue(AgentId);

    public static ClaimsPrincipal ToPrincipal(this FloorUser user, string authenticationType)
    {
        List<Claim> claims = [new(ClaimTypes.Name, user.UserName), new(ClaimTypes.Role, user.Role)];
        if (user.AgentId is not null)
        {
            claims.Add(new Claim(AgentId, user.AgentId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }
}
