using System.Net;
using System.Net.Http.Headers;

namespace CallCenter.Web.Services;

/// <summary>Which API answers mean "away for now", and how long a page waits before it asks again.</summary>
public static class ApiAvailability
{
    /// <summary>What the page says when the API gave no Retry-After: soon enough that recovery shows within seconds.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>A longer wait would look like a dead page; a shorter one hammers an API that is coming back.</summary>
    public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(30);

    public static bool IsUnavailable(HttpStatusCode status) =>
        status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>The API's Retry-After (seconds or a date), kept between one second and <see cref="LongestRetryAfter"/>.</summary>
    public static TimeSpan RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        var wait = header?.Delta ?? (header?.Date is { } date ? date - now : DefaultRetryAfter);
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > LongestRetryAfter ? LongestRetryAfter : wait;
    }

    /// <summary>Whole seconds, rounded up, as the Retry-After header writes them.</summary>
    public static string Seconds(TimeSpan wait) =>
        ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
