using CallCenter.Web.Services;
using Microsoft.AspNetCore.Http;

namespace CallCenter.UnitTests.Web;

/// <summary>A hung API is remembered by the page request that met it, so that page fails fast and no other page does.</summary>
public sealed class ApiOutageTests
{
    [Fact]
    public void HungIsRememberedForTheRestOfThatRequestOnly()
    {
        var requests = new HttpContextAccessor { HttpContext = new DefaultHttpContext() };
        var outage = new ApiOutage(requests);
        Assert.False(outage.RecentlyHung);

        outage.Hung();
        Assert.True(outage.RecentlyHung);

        // The next page, another person's or the same person's, meets the API itself.
        requests.HttpContext = new DefaultHttpContext();
        Assert.False(outage.RecentlyHung);
    }

    [Fact]
    public void OutsideAPageRequestNothingIsRemembered()
    {
        var outage = new ApiOutage(new HttpContextAccessor());

        outage.Hung();

        Assert.False(outage.RecentlyHung);
    }
}
