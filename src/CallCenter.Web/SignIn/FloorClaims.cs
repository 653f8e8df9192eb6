using System.Security.Claims;
using CallCenter.Web.Services;

namespace CallCenter.Web.SignIn;

public static class FloorClaims
{
    /// <summary>The API's agent id of a signed-in agent (AGT-001…); supervisors and admins have none.</summary>
    public const string AgentId = "agent_id";

    /// <summary>The person's security stamp when the cookie was issued.</summary>
    public const string SecurityStamp = "security_stamp";

    public const string DisplayName = "display_name";

    public static string? AgentIdOf(this ClaimsPrincipal user) => user.FindFirstValue(AgentId);

    public static ClaimsPrincipal ToPrincipal(this PersonSession person, string authenticationType)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.Name, person.UserName),
            new(ClaimTypes.Role, person.Role),
            new(SecurityStamp, person.SecurityStamp),
            new(DisplayName, person.DisplayName),
        ];
        if (person.AgentId is not null)
        {
            claims.Add(new Claim(AgentId, person.AgentId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    /// <summary>Whether a principal was issued for this person as they are now: same stamp, same role, same agent.</summary>
    public static bool Describes(this ClaimsPrincipal principal, PersonSession person) =>
        principal.FindFirstValue(SecurityStamp) == person.SecurityStamp
        && principal.FindFirstValue(ClaimTypes.Role) == person.Role
        && principal.AgentIdOf() == person.AgentId;
}
