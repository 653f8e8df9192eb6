using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

[Collection(CallCenterCollection.Name)]
public sealed class SignInTests(CallCenterFixture fixture, ChromiumFixture chromium)
{
    [Fact]
    public Task SignInAsAgentOpensTheirDesk() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var desk = await browser.SignInAsync("AGT-001", throughTheForm: true);

        await Expect(desk).ToHaveURLAsync(new Uri(browser.Web, "/Agent").ToString());
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "Agent desk" })).ToBeVisibleAsync();
        await Expect(desk.Locator("#my-status")).Not.ToBeEmptyAsync();
        await desk.WaitForLiveAsync();

        // The wallboard is for supervisors.
        await desk.GotoAsync("/Wallboard");
        await Expect(desk.Locator("#access-denied")).ToBeVisibleAsync();
    });

    [Fact]
    public Task SignInWithWrongPasswordsLocksTheAccount() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        // AGT-008 is this test's alone: a lockout lasts minutes.
        var page = await browser.OpenAsync("/Account/SignIn");
        const int Allowed = 5;
        for (var attempt = 1; attempt <= Allowed; attempt++)
        {
            await page.GetByLabel("User name").FillAsync("AGT-008");
            await page.GetByLabel("Password").FillAsync($"wrong-{attempt}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.Locator("#sign-in-problem")).ToContainTextAsync(
                attempt < Allowed ? "The user name or password is not right." : "this account is locked");
            // What was typed stays; the password is never sent back.
            await Expect(page.GetByLabel("User name")).ToHaveValueAsync("AGT-008");
            await Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
        }

        await page.GetByLabel("Password").FillAsync(TestSecrets.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#sign-in-problem")).ToContainTextAsync("this account is locked");
        await Expect(page.Locator("#signed-in-as")).ToHaveCountAsync(0);
    });
}
