using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

/// <summary>An admin runs the floor's people from the People page; what they change reaches the person at once.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class PeopleTests(CallCenterFixture fixture, ChromiumFixture chromium)
{
    [Fact]
    public Task AdminAddsAnAgentWhoSignsInThenDisablesThem() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var admin = await browser.SignInAsync("admin");
        var userName = $"nadia-{Guid.NewGuid():N}"[..16];

        var password = await AddAgentAsync(admin, userName, "Nadia Saleh");

        // Adding the same name again is refused beside the field, and nothing else is added.
        await admin.GotoAsync("/People/New");
        await admin.GetByLabel("User name").FillAsync(userName.ToUpperInvariant());
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Twin");
        await admin.GetByLabel("Role").SelectOptionAsync("supervisor");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(admin.Locator("[data-valmsg-for='Input.UserName']")).ToHaveTextAsync("is taken.");

        var nadia = await browser.SignInAsync(userName, password);
        await Expect(nadia).ToHaveURLAsync(new Uri(browser.Web, "/Agent").ToString());
        await Expect(nadia.Locator("#my-status")).ToHaveTextAsync("Offline");

        await admin.GotoAsync($"/People/{userName}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(admin.Locator("#person-state")).ToHaveTextAsync("Disabled");

        await nadia.ReloadAsync();
        await Expect(nadia).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/SignIn"));
        await Expect(nadia.Locator("#signed-in-as")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task APersonChangesTheirOwnPassword() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        using var api = fixture.CreateApiClient();
        var (userName, password) = await TestPeople.AddAsync(api, "supervisor");
        var page = await browser.SignInAsync(userName, password);

        await page.Locator("#signed-in-as").ClickAsync();
        await page.GetByLabel("Current password").FillAsync(password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("New password again").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.NewPassword']")).ToContainTextAsync("at least 12 characters");

        await page.GetByLabel("Current password").FillAsync(password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("a-much-longer-secret");
        await page.GetByLabel("New password again").FillAsync("a-much-longer-secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync();
        await Expect(page.Locator("#password-changed")).ToBeVisibleAsync();

        // This sign-in carries on under the new stamp; the new password is the one that works.
        await page.GotoAsync("/Wallboard");
        await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync(userName);
        await browser.SignInAsync(userName, "a-much-longer-secret");
    });

    /// <summary>Adds an agent at a new desk in support through the page; returns the password it showed once.</summary>
    public static async Task<string> AddAgentAsync(IPage admin, string userName, string name)
    {
        await admin.GotoAsync("/People");
        await admin.Locator("#add-person").ClickAsync();
        await admin.GetByLabel("User name").FillAsync(userName);
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await admin.GetByLabel("Role").SelectOptionAsync("agent");
        await admin.GetByLabel("Agent", new() { Exact = true }).SelectOptionAsync("new");
        await admin.GetByLabel("Department of a new agent").SelectOptionAsync("support");
        await admin.GetByLabel("Languages of a new agent").FillAsync("ar,en");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(admin.Locator("#person-added")).ToContainTextAsync(userName);
        return (await admin.Locator("#new-password").TextContentAsync())!.Trim();
    }
}
