using System.Globalization;
using System.Security.Claims;

namespace CallCenter.ApiService.Security;

/// <summary>
/// Who is asking: the key's name (or the person the Web app acts for), the role, and for agents their id and
/// department, which the object-level checks use.
/// </summary>
public sealed record FloorCaller(
    string Name, string Role, string? KeyId, string? AgentId, string? Department, int? RequestsPerMinute = null, string? ActingUser = null)
{
    public const string KeyIdClaim = "key_id";
    public const string AgentIdClaim = "agent_id";
    public const string DepartmentClaim = "department";
    public const string RequestsPerMinuteClaim = "requests_per_minute";
    public const string ActingUserClaim = "acting_user";

    public static readonly FloorCaller System = new("system", FloorRoles.System, null, null, null);

    public bool IsAgent => Role == FloorRoles.Agent;

    /// <summary>Supervisors and admins, who alone read the floor's figures.</summary>
    public bool MaySupervise => FloorRoles.Supervisors.Contains(Role);

    /// <summary>The rate limit's partition: a key, or the person behind the Web app's key.</summary>
    public string Partition => $"{KeyId}:{Name}";

    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        List<Claim> claims = [new(ClaimTypes.Name, Name), new(ClaimTypes.Role, Role)];
        AddIfPresent(claims, KeyIdClaim, KeyId);
        AddIfPresent(claims, AgentIdClaim, AgentId);
        AddIfPresent(claims, DepartmentClaim, Department);
        AddIfPresent(claims, RequestsPerMinuteClaim, RequestsPerMinute?.ToString(CultureInfo.InvariantCulture));
        AddIfPresent(claims, ActingUserClaim, ActingUser);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static FloorCaller? FromPrincipal(ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true && principal.FindFirstValue(ClaimTypes.Role) is { } role
            ? new FloorCaller(
                principal.FindFirstValue(ClaimTypes.Name) ?? "unknown",
                role,
                principal.FindFirstValue(KeyIdClaim),
                principal.FindFirstValue(AgentIdClaim),
                principal.FindFirstValue(DepartmentClaim),
                int.TryParse(principal.FindFirstValue(RequestsPerMinuteClaim), CultureInfo.InvariantCulture, out var limit) ? limit : null,
                principal.FindFirstValue(ActingUserClaim))
            : null;

    private static void AddIfPresent(List<Claim> claims, string type, string? value)
    {
        if (value is not null)
        {
            claims.Add(new Claim(type, value));
        }
    }
}

/// <summary>The caller of the request being served; <see cref="FloorCaller.System"/> outside a request.</summary>
public sealed class FloorCallers(IHttpContextAccessor accessor)
{
    public FloorCaller Current => FloorCaller.FromPrincipal(accessor.HttpContext?.User) ?? FloorCaller.System;
}
