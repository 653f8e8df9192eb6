using Polly.Timeout;

namespace CallCenter.Web.Services;

/// <summary>
/// Fails at once while <see cref="ApiOutage"/> remembers that the API hung for this page. It sits outside the resilience
/// handler, so it sees a request's last word: a timeout after its one retry.
/// </summary>
internal sealed class ApiOutageHandler(ApiOutage outage) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (outage.RecentlyHung)
        {
            throw new HttpRequestException("The API hung a moment ago.");
        }

        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            outage.Hung();
            throw;
        }
    }
}
