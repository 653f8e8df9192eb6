using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

[Collection(CallCenterCollection.Name)]
public sealed class CrmTests(CallCenterFixture fixture, ChromiumFixture chromium)
{
    [Fact]
    public Task CreateAndResolveTicketUpdatesTheCrmLive() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var subject = $"Router keeps rebooting {Guid.NewGuid():N}"[..40];
        var crm = await browser.SignInAsync("supervisor");
        await Expect(crm).ToHaveURLAsync(new Uri(browser.Web, "/Crm").ToString());
        await crm.WaitForLiveAsync();

        var agent = await browser.SignInAsync("AGT-003");
        await agent.GotoAsync("/Crm/New");
        await agent.GetByLabel("Customer name").FillAsync("Hessa Al-Mutairi");
        await agent.GetByLabel("Customer phone").FillAsync("+966506789012");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Open ticket" }).ClickAsync();

        // A missing subject is named next to its field, and what was typed stays.
        await Expect(agent.Locator("[data-valmsg-for='Input.Subject']")).ToHaveTextAsync("Enter a subject.");
        await Expect(agent.GetByLabel("Customer name")).ToHaveValueAsync("Hessa Al-Mutairi");

        // The API's own refusal (its ProblemDetails names customer_phone) lands next to that field too.
        await agent.GetByLabel("Subject").FillAsync(subject);
        await agent.GetByLabel("Customer phone").FillAsync("12");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Open ticket" }).ClickAsync();
        await Expect(agent.Locator("[data-valmsg-for='Input.CustomerPhone']")).Not.ToBeEmptyAsync();
        await Expect(agent.GetByLabel("Subject")).ToHaveValueAsync(subject);

        await agent.GetByLabel("Customer phone").FillAsync("+966506789012");
        await agent.GetByLabel("Priority").SelectOptionAsync("high");
        await agent.GetByLabel("Assignee").SelectOptionAsync("AGT-003");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Open ticket" }).ClickAsync();
        await agent.WaitForURLAsync("**/Crm/Tickets/TKT-*");
        var ticketId = agent.Url[(agent.Url.LastIndexOf('/') + 1)..];

        var row = crm.Locator($"#tickets tr[data-key='{ticketId}']");
        await Expect(row).ToContainTextAsync(subject);
        await Expect(row.Locator(".status")).ToHaveTextAsync("Open");
        await Expect(crm.Locator("#tickets tr").First).ToHaveAttributeAsync("data-key", ticketId);

        await agent.WaitForLiveAsync();
        await agent.GetByLabel("Note").FillAsync("Asked the customer to replace the power adapter.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(agent.Locator("#ticket-history")).ToContainTextAsync("replace the power adapter");

        await agent.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(agent.Locator("#ticket-status")).ToHaveTextAsync("Resolved");
        await Expect(row.Locator(".status")).ToHaveTextAsync("Resolved");
    });

    [Fact]
    public Task ReprioritiseAndAssignOnOnePageShowsOnAnother() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var watcher = await browser.SignInAsync("supervisor");
        await watcher.GotoAsync("/Crm/Tickets/TKT-20241108-0003");
        await watcher.WaitForLiveAsync();
        var editor = await browser.SignInAsync("AGT-004");
        await editor.GotoAsync("/Crm/Tickets/TKT-20241108-0003");

        var priority = editor.Locator("#Change_Priority");
        var next = await priority.InputValueAsync() == "urgent" ? "low" : "urgent";
        await priority.SelectOptionAsync(next);
        await editor.Locator("#Change_AssignedTo").SelectOptionAsync("AGT-004");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(watcher.Locator("#ticket-priority")).ToHaveTextAsync(next == "urgent" ? "Urgent" : "Low");
        await Expect(watcher.Locator("#ticket-assignee")).ToHaveTextAsync("AGT-004");
        await Expect(watcher.Locator("#ticket-history li[data-action='changed']").Filter(new() { HasText = "Priority" })).Not.ToHaveCountAsync(0);
    });

    [Fact]
    public Task OpenUnknownTicketSaysNotFound() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var page = await browser.SignInAsync("supervisor");

        var response = await page.GotoAsync("/Crm/Tickets/TKT-19990101-0001");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
    });
}
