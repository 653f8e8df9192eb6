using System.Net;
using CallCenter.Web.SignIn;

namespace CallCenter.Tests.Web;

/// <summary>
/// A sign-in cookie counts only while the user store still has its person, with the role it was issued for:
/// otherwise the next request refuses it and takes it back, in every browser the person used.
/// </summary>
public sealed class RoleChangeTests(ProductionWeb web) : IClassFixture<ProductionWeb>
{
    [Fact]
    public async Task RoleChangeSignsThePersonOutEverywhere()
    {
        var (user, password) = web.AddPerson(FloorRoles.Supervisor);
        using var desk = web.Browser();
        using var laptop = web.Browser();
        foreach (var browser in new[] { desk, laptop })
        {
            using var signedIn = await browser.SignInAsync(user.UserName, password);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            using var wallboard = await browser.GetAsync("/Wallboard").WaitAsync(FloorHttp.Timeout);
            Assert.Equal(HttpStatusCode.OK, wallboard.StatusCode);
        }

        web.Users.Add(new FloorUser(user.UserName, FloorRoles.Agent, "AGT-001"), password);

        foreach (var browser in new[] { desk, laptop })
        {
            using var refused = await browser.GetAsync("/CustomerLine").WaitAsync(FloorHttp.Timeout);
            AssertSignedOut(refused);
        }

        // Signing in again brings the new role: the agent desk, and the wallboard no more.
        using var again = await desk.SignInAsync(user.UserName, password);
        Assert.Equal("/Agent", again.Headers.Location?.OriginalString);
        using var denied = await desk.GetAsync("/Wallboard").WaitAsync(FloorHttp.Timeout);
        Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieOfSomeoneTheStoreNoLongerHasIsRefused()
    {
        var keys = Directory.CreateTempSubdirectory("callcenter-web-keys-");
        try
        {
            var cookies = new CookieContainer();
            await using (var before = ProductionWeb.WithKeys(keys))
            {
                var (user, password) = before.AddPerson(FloorRoles.Supervisor);
                using var browser = before.Browser(cookies: cookies);
                using var signedIn = await browser.SignInAsync(user.UserName, password);
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            }

            // A restart: the same keys read the cookie, but the in-memory store has forgotten whom it speaks for.
            await using var after = ProductionWeb.WithKeys(keys);
            using var returning = after.Browser(cookies: cookies);
            using var refused = await returning.GetAsync("/CustomerLine").WaitAsync(FloorHttp.Timeout);
            AssertSignedOut(refused);
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    /// <summary>Sent to sign in, and the cookie is taken back rather than just ignored.</summary>
    private static void AssertSignedOut(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/SignIn", response.Headers.Location?.AbsolutePath);
        Assert.True(response.SetCookie("callcenter.floor").Expires < DateTimeOffset.UtcNow, "the sign-in cookie was not removed");
    }
}
