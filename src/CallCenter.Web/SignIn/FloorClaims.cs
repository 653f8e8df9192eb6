using System.Security.Claims;

namespace CallCenter.Web.SignIn;

public static class FloorClaims
{
    /// <summary>The API's agent id of a signed-in agent (AGT-001…); supervisors and admins have none.</summary>
    public const string AgentId = "agent_id";

    /// <summary>The person's <see cref="FloorUser.SecurityStamp"/> when the cookie was issued.</summary>
    public const string SecurityStamp = "security_stamp";

    public static string? AgentIdOf(this ClaimsPrincipal user) => user.FindFirstValue(AgentId);

    public static ClaimsPrincipal ToPrincipal(this FloorUser user, string authenticationType)
    {
        List<Claim> claims = [new(ClaimTypes.Name, user.UserName), new(ClaimTypes.Role, user.Role), new(SecurityStamp, user.SecurityStamp)];
        if (user.AgentId is not null)
        {
            claims.Add(new Claim(AgentId, user.AgentId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    /// <summary>Whether a principal was issued for this person as they are now: same stamp, same role, same agent.</summary>
    public static bool Describes(this ClaimsPrincipal principal, FloorUser user) =>
        principal.FindFirstValue(SecurityStamp) == user.SecurityStamp
        && principal.FindFirstValue(ClaimTypes.Role) == user.Role
        && principal.AgentIdOf() == user.AgentId;
}
