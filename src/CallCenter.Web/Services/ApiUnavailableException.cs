namespace CallCenter.Web.Services;

/// <summary>
/// The API is away: it could not be reached, or a gateway or the API itself said it cannot serve now (502, 503,
/// 504; the API answers 503 while PostgreSQL is down). Not an <see cref="ApiProblemException"/>, so the pages that
/// show the API's refusals next to their fields let it pass to the "temporarily unavailable" page.
/// </summary>
public sealed class ApiUnavailableException(TimeSpan retryAfter, Exception? inner = null)
    : Exception("The call center's API is temporarily unavailable.", inner)
{
    /// <summary>How long the browser should wait before it asks again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
