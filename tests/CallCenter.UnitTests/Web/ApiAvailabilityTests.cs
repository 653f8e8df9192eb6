using System.Net;
using System.Net.Http.Headers;
using CallCenter.Web.Services;

namespace CallCenter.UnitTests.Web;

/// <summary>Which API answers put up the "temporarily unavailable" page, and how long that page waits.</summary>
public sealed class ApiAvailabilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void IsUnavailableOnlyForGatewayAndUnavailableAnswers(HttpStatusCode status, bool unavailable) =>
        Assert.Equal(unavailable, ApiAvailability.IsUnavailable(status));

    [Fact]
    public void RetryAfterWithoutAHeaderIsTheDefault() =>
        Assert.Equal(ApiAvailability.DefaultRetryAfter, ApiAvailability.RetryAfter(null, Now));

    [Theory]
    [InlineData(5, 5)]
    [InlineData(0, 1)]
    [InlineData(3600, 30)]
    public void RetryAfterInSecondsIsKeptWithinOneToThirtySeconds(int given, int expected) =>
        Assert.Equal(TimeSpan.FromSeconds(expected), ApiAvailability.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(given)), Now));

    [Fact]
    public void RetryAfterAsADateIsTheTimeUntilThen() =>
        Assert.Equal(TimeSpan.FromSeconds(7), ApiAvailability.RetryAfter(new RetryConditionHeaderValue(Now.AddSeconds(7)), Now));

    [Fact]
    public void SecondsAreRoundedUpSoTheBrowserNeverAsksEarly() =>
        Assert.Equal("2", ApiAvailability.Seconds(TimeSpan.FromSeconds(1.2)));
}
