using System.Security.Claims;
using CallCenter.Web.SignIn;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Services;

/// <summary>
/// What this app tells the API on every call and socket: its own key, and who it acts for, so the API applies
/// that person's role, department and rate limit, and its audit trail names them.
/// </summary>
public sealed class ApiCredentials(IOptions<CallCenterApiOptions> options)
{
    public IEnumerable<KeyValuePair<string, string>> HeadersFor(ClaimsPrincipal? person)
    {
        yield return new("Authorization", $"Bearer {options.Value.Key}");
        if (person?.Identity?.IsAuthenticated != true || person.Identity.Name is not { } name || person.FindFirstValue(ClaimTypes.Role) is not { } role)
        {
            yield break;
        }

        yield return new("X-Acting-User", name);
        yield return new("X-Acting-Role", role);
        if (person.AgentIdOf() is { } agentId)
        {
            yield return new("X-Acting-Agent", agentId);
        }
    }
}

/// <summary>Puts <see cref="ApiCredentials"/> on every request of the API's typed clients.</summary>
public sealed class ActingPersonHandler(ApiCredentials credentials, IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in credentials.HeadersFor(accessor.HttpContext?.User))
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
