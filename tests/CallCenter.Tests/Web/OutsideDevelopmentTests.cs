using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Web;

/// <summary>Outside Development the Web app speaks HTTPS only: plain HTTP is redirected, HSTS is sent, cookies are Secure.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class OutsideDevelopmentTests(CallCenterFixture fixture)
{
    [Fact]
    public async Task PlainHttpIsRedirectedToHttps()
    {
        await using var web = await ProductionWeb.StartAsync(fixture);
        using var http = web.Browser(ProductionWeb.Http);

        using var response = await http.GetAsync("/Account/SignIn").WaitAsync(FloorHttp.Timeout);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri(ProductionWeb.Https, "/Account/SignIn"), response.Headers.Location);
    }

    [Fact]
    public async Task HttpsAnswersCarryHstsAndTheSafetyHeaders()
    {
        await using var web = await ProductionWeb.StartAsync(fixture);
        using var http = web.Browser();

        using var response = await http.GetAsync("/Account/SignIn").WaitAsync(FloorHttp.Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.GetValues("Strict-Transport-Security").SingleOrDefault(value => value.Contains("max-age=", StringComparison.Ordinal)));
        SafetyHeaders.AssertPresent(response);
    }

    [Fact]
    public async Task SignInAndAntiforgeryCookiesAreSecure()
    {
        await using var web = await ProductionWeb.StartAsync(fixture);
        using var admin = fixture.CreateApiClient();
        var (user, password) = await TestPeople.AddAsync(admin, "supervisor");
        using var http = web.Browser();
        using var form = await http.GetAsync("/Account/SignIn").WaitAsync(FloorHttp.Timeout);
        using var signedIn = await http.SignInAsync(user, password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        foreach (var cookie in new[] { form.SetCookie("callcenter.antiforgery"), signedIn.SetCookie("callcenter.floor") })
        {
            Assert.True(cookie.Secure, $"{cookie.Name} would travel over plain HTTP");
            Assert.True(cookie.HttpOnly, $"{cookie.Name} is readable by script");
        }
    }
}
