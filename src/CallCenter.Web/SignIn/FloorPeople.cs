using System.Net;
using System.Security.Claims;
using CallCenter.Web.Services;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.SignIn;

/// <summary>
/// Signing in, and whether a sign-in cookie still speaks for its person as they are now. People live in the API
/// (PostgreSQL); what it said of a person is trusted here for <see cref="FloorSignInOptions.RecheckInterval"/>.
/// </summary>
public sealed class FloorPeople(
    AccountClient accounts, IMemoryCache cache, IOptions<FloorSignInOptions> options, ILogger<FloorPeople> logger)
{
    public async Task<FloorSignInResult> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        try
        {
            return new FloorSignInResult(SignInOutcome.Succeeded, await accounts.SignInAsync(userName, password, cancellationToken));
        }
        catch (ApiProblemException problem) when (problem.Status is HttpStatusCode.Unauthorized or (HttpStatusCode)StatusCodes.Status423Locked)
        {
            return new FloorSignInResult(problem.Status == HttpStatusCode.Unauthorized ? SignInOutcome.Failed : SignInOutcome.LockedOut);
        }
    }

    /// <summary>
    /// Whether the principal was issued for this person as they are now (same stamp, role and agent). While the API
    /// cannot be reached the cookie keeps counting: the page will say the API is away, rather than sign everyone out.
    /// </summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.Identity?.Name is not { } name)
        {
            return false;
        }

        var key = PersonChanges.CacheKey(name);
        if (!cache.TryGetValue(key, out PersonSession? person))
        {
            try
            {
                person = await accounts.CurrentAsync(principal, cancellationToken);
            }
            catch (ApiProblemException problem) when (problem.Status is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                person = null;
            }
            catch (ApiProblemException problem)
            {
                logger.LogWarning("Could not check {Person}'s sign-in with the API ({Status}); it keeps counting meanwhile", name, problem.Status);
                return true;
            }
            catch (ApiUnavailableException)
            {
                logger.LogWarning("Could not check {Person}'s sign-in: the API is away; it keeps counting meanwhile", name);
                return true;
            }

            if (options.Value.RecheckInterval > TimeSpan.Zero)
            {
                cache.Set(key, person, options.Value.RecheckInterval);
            }
        }

        return person is not null && principal.Describes(person);
    }
}
