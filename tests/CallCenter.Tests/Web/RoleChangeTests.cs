using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Web;

/// <summary>
/// A sign-in cookie counts only while its person, kept in PostgreSQL through the API, is as it was issued for: a
/// new role, a reset password or disabling refuses and takes it back in every browser. A Web restart or another
/// Web replica changes nothing: the key ring is in PostgreSQL too.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class RoleChangeTests(CallCenterFixture fixture)
{
    [Fact]
    public async Task RoleChangeSignsThePersonOutEverywhere()
    {
        await using var web = await ProductionWeb.StartAsync(fixture);
        using var admin = fixture.CreateApiClient();
        var (user, password) = await TestPeople.AddAsync(admin, "supervisor");
        using var desk = web.Browser();
        using var laptop = web.Browser();
        foreach (var browser in new[] { desk, laptop })
        {
            await SignInAndOpenAsync(browser, user, password, "/Wallboard");
        }

        await TestPeople.MakeAgentAsync(admin, user);

        foreach (var browser in new[] { desk, laptop })
        {
            using var refused = await browser.GetAsync("/CustomerLine").WaitAsync(FloorHttp.Timeout);
            AssertSignedOut(refused);
        }

        // Signing in again brings the new role: the agent desk, and the wallboard no more.
        using var again = await desk.SignInAsync(user, password);
        Assert.Equal("/Agent", again.Headers.Location?.OriginalString);
        using var denied = await desk.GetAsync("/Wallboard").WaitAsync(FloorHttp.Timeout);
        Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("password-reset")]
    public async Task DisablingOrResettingThePasswordSignsThePersonOut(string change)
    {
        await using var web = await ProductionWeb.StartAsync(fixture);
        using var admin = fixture.CreateApiClient();
        var (user, password) = await TestPeople.AddAsync(admin, "supervisor");
        using var browser = web.Browser();
        await SignInAndOpenAsync(browser, user, password, "/Wallboard");

        var changed = change == "disable"
            ? await admin.PatchAsync($"/api/people/{user}", new { disabled = true })
            : await admin.PostAsync($"/api/people/{user}/password-reset");
        changed.Expect(HttpStatusCode.OK);

        using var refused = await browser.GetAsync("/Wallboard").WaitAsync(FloorHttp.Timeout);
        AssertSignedOut(refused);
        using var again = await browser.SignInAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task SignInSurvivesAWebRestartAndHoldsOnAnotherReplica()
    {
        using var admin = fixture.CreateApiClient();
        var (user, password) = await TestPeople.AddAsync(admin, "supervisor");
        var cookies = new CookieContainer();
        string form;
        await using (var before = await ProductionWeb.StartAsync(fixture))
        {
            using var browser = before.Browser(cookies: cookies);
            await SignInAndOpenAsync(browser, user, password, "/Wallboard");
            form = await browser.TokenAsync("/CustomerLine");
        }

        // A new process: nothing of the first is left but what PostgreSQL keeps.
        await using var after = await ProductionWeb.StartAsync(fixture);
        using var returning = after.Browser(cookies: cookies);
        using var page = await returning.GetAsync("/Wallboard").WaitAsync(FloorHttp.Timeout);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // A form rendered before the restart still posts: its antiforgery token is read with the same keys.
        using var signedOut = await returning.PostFormAsync("/Account/SignOut", form);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
    }

    private static async Task SignInAndOpenAsync(HttpClient browser, string user, string password, string path)
    {
        using var signedIn = await browser.SignInAsync(user, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var page = await browser.GetAsync(path).WaitAsync(FloorHttp.Timeout);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    /// <summary>Sent to sign in, and the cookie is taken back rather than just ignored.</summary>
    private static void AssertSignedOut(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/SignIn", response.Headers.Location?.AbsolutePath);
        Assert.True(response.SetCookie("callcenter.floor").Expires < DateTimeOffset.UtcNow, "the sign-in cookie was not removed");
    }
}
