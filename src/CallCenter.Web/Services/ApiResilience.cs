using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CallCenter.Web.Services;

/// <summary>
/// The API clients' own resilience, in place of the service defaults' (three retries with backoff inside 30 s):
/// a person waiting on a page must learn within a second or two that the API is away, and the page then retries
/// for them. The live-updates relay is not an HttpClient and keeps its own reconnecting.
/// </summary>
internal static class ApiResilience
{
    /// <summary>
    /// One attempt of a read may take this long. The API answers reads in milliseconds and a refused connection fails
    /// at once, so only an API that hangs (a replica stalled on a busy machine, or a network that drops packets) reaches it; a
    /// second stays above a busy machine's slow answers yet lets the page say "unavailable" within its 2 s.
    /// </summary>
    public static readonly TimeSpan ReadAttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Room for one quick retry of a read after a refused connection. After a hung attempt a retry would hang too, so
    /// it gets only what is left, and the page's own 2 s keep room for drawing the answer on a busy machine.
    /// </summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(1.1);

    /// <summary>
    /// A write is sent once, and one given up while the API may still carry it out leaves the person unsure whether it
    /// happened: it gets longer. An API that is really away refuses at once, or has just hung on a read (ApiOutage).
    /// 5 s was too short: a sign-in (a password hash on each side) on a freshly started, loaded CI machine took longer.
    /// </summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(15);

    /// <summary>A replica that just went away is dropped by the gateway within moments, and the retry reaches another.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    public static IHttpClientBuilder AddApiResilience(this IHttpClientBuilder http)
    {
        // Evaluation API (EXTEXP0001), and the documented way to replace the handler the service defaults add to every client.
#pragma warning disable EXTEXP0001
        http.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        http.AddHttpMessageHandler<ApiOutageHandler>();
        http.AddStandardResilienceHandler(options =>
        {
            // The fixed values only satisfy the options' validation (attempt within total); the generators decide.
            options.AttemptTimeout.Timeout = ReadAttemptTimeout;
            options.TotalRequestTimeout.Timeout = WriteTimeout;
            options.AttemptTimeout.TimeoutGenerator = args => ValueTask.FromResult(IsRead(args.Context) ? ReadAttemptTimeout : WriteTimeout);
            options.TotalRequestTimeout.TimeoutGenerator = args => ValueTask.FromResult(IsRead(args.Context) ? ReadTimeout : WriteTimeout);
            options.Retry.MaxRetryAttempts = 1;
            options.Retry.Delay = RetryDelay;
            options.Retry.BackoffType = DelayBackoffType.Constant;
            // The API's Retry-After is meant for the person's page (seconds), not for this request's 2 s.
            options.Retry.ShouldRetryAfterHeader = false;
            // Sending a write again could make it twice: a call placed or a note added twice.
            options.Retry.DisableForUnsafeHttpMethods();
        });
        return http;
    }

    private static bool IsRead(ResilienceContext context) =>
        context.GetRequestMessage()?.Method is { } method && (method == HttpMethod.Get || method == HttpMethod.Head);
}
