using System.Text.Encodings.Web;
using CallCenter.ApiService.Apis;
using CallCenter.ApiService.Data;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Security;

/// <summary>
/// <c>Authorization: Bearer &lt;api key&gt;</c>, or on the socket upgrade only <c>?ticket=</c> (one-time, see
/// <see cref="SocketTicketBook"/>). The Web app's key names the person it acts for in <c>X-Acting-*</c> headers.
/// Refusals are ProblemDetails: 401 without valid credentials, 403 for a role the endpoint does not admit.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    SocketTicketBook tickets,
    CallCenterDatabase database,
    IMemoryCache cache,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ActingUserHeader = "X-Acting-User";
    public const string ActingRoleHeader = "X-Acting-Role";
    public const string ActingAgentHeader = "X-Acting-Agent";
    public const string TicketParameter = "ticket";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Path.Equals(LiveUpdatesApi.SocketPath, StringComparison.Ordinal)
            && Request.Query.TryGetValue(TicketParameter, out var ticket) && ticket.Count == 1 && ticket[0] is { Length: > 0 and < 200 } value)
        {
            return await tickets.RedeemAsync(value, Context.RequestAborted) is { } holder
                ? Success(holder)
                : AuthenticateResult.Fail("The ticket is unknown, used or expired; ask POST /api/socket-tickets for a new one.");
        }

        string? authorization = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(authorization))
        {
            return AuthenticateResult.NoResult();
        }

        const string bearer = "Bearer ";
        if (!authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) || authorization.Length > bearer.Length + 200)
        {
            return AuthenticateResult.Fail("Send the key as 'Authorization: Bearer <api key>'.");
        }

        var key = await keys.FindAsync(authorization[bearer.Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        return key.Role switch
        {
            FloorRoles.Web => await ActingAsync(key),
            FloorRoles.Agent => await AgentAsync(key.AgentId!, key.Name, key) is { } agent ? Success(agent) : AuthenticateResult.Fail("The key's agent no longer exists."),
            _ => Success(new FloorCaller(key.Name, key.Role, key.KeyId, null, null, key.RequestsPerMinute)),
        };
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = Context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure?.Message;
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            failure ?? "This needs an API key: 'Authorization: Bearer <api key>' (see README: API keys).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden",
            $"The role '{FloorCaller.FromPrincipal(Context.User)?.Role}' may not do this.");

    /// <summary>The Web app's key stands for the person signed in there, and for nobody when no one is named.</summary>
    private async Task<AuthenticateResult> ActingAsync(ApiKey key)
    {
        string? user = Request.Headers[ActingUserHeader];
        string? role = Request.Headers[ActingRoleHeader];
        if (string.IsNullOrEmpty(user))
        {
            return Success(new FloorCaller(key.Name, FloorRoles.Web, key.KeyId, null, null));
        }

        if (user.Length > 100 || role is null || !FloorRoles.People.Contains(role))
        {
            return AuthenticateResult.Fail($"{ActingRoleHeader} must be one of {string.Join(", ", FloorRoles.People)}, with {ActingUserHeader} of at most 100 characters.");
        }

        var name = $"{user} (via {key.Name})";
        if (role != FloorRoles.Agent)
        {
            return Success(new FloorCaller(name, role, key.KeyId, null, null, ActingUser: user));
        }

        return await AgentAsync(Request.Headers[ActingAgentHeader].ToString(), name, key) is { } agent
            ? Success(agent with { ActingUser = user })
            : AuthenticateResult.Fail($"{ActingAgentHeader} must name an existing agent.");
    }

    /// <summary>An agent caller carries their department, which every object-level check compares against.</summary>
    private async Task<FloorCaller?> AgentAsync(string agentId, string name, ApiKey key)
    {
        if (agentId is not { Length: > 0 and <= 32 })
        {
            return null;
        }

        var department = await cache.GetOrCreateAsync($"agent-department:{agentId}", entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            return database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<string?>(
                "SELECT department FROM agents WHERE agent_id = @agentId", new { agentId }), Context.RequestAborted);
        });
        return department is null ? null : new FloorCaller(name, FloorRoles.Agent, key.KeyId, agentId, department, key.RequestsPerMinute);
    }

    private AuthenticateResult Success(FloorCaller caller) =>
        AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
