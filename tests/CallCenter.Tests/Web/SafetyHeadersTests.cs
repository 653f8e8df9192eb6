using System.Net;
using CallCenter.Tests.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace CallCenter.Tests.Web;

/// <summary>The Web app's answers over plain HTTP, as it runs in Development: safety headers on all of them, hardened cookies.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class SafetyHeadersTests(CallCenterFixture fixture)
{
    private Uri Web => fixture.App.App.GetEndpoint("web", "http");

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/SignIn")]
    [InlineData("/Crm")]
    [InlineData("/no-such-page")]
    [InlineData("/css/site.css")]
    [InlineData("/js/live.js")]
    [InlineData("/favicon.svg")]
    [InlineData("/ws/updates")]
    public async Task EveryAnswerCarriesTheSafetyHeaders(string path)
    {
        using var http = FloorHttp.Client(Web);

        using var response = await http.GetAsync(path).WaitAsync(FloorHttp.Timeout);

        SafetyHeaders.AssertPresent(response);
    }

    [Fact]
    public async Task SignInAndAntiforgeryCookiesAreHttpOnlyAndStrict()
    {
        using var http = FloorHttp.Client(Web);
        using var form = await http.GetAsync("/Account/SignIn").WaitAsync(FloorHttp.Timeout);
        using var signedIn = await http.SignInAsync("supervisor", TestSecrets.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        foreach (var cookie in new[] { form.SetCookie("callcenter.antiforgery"), signedIn.SetCookie("callcenter.floor") })
        {
            Assert.True(cookie.HttpOnly, $"{cookie.Name} is readable by script");
            Assert.Equal(SameSiteMode.Strict, cookie.SameSite);
        }
    }
}
