using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

/// <summary>A ticket's SLA on its page: the targets, the timeline, and a reply through the form meeting the first response.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class SlaTicketPageTests(CallCenterFixture fixture, ChromiumFixture chromium)
{
    [Fact]
    public Task ReplyThroughTheFormMeetsTheFirstResponseOnTheTimeline() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var ticketId = await SlaTickets.OpenAsync(fixture, "Reply in time", "medium");
        var page = await browser.SignInAsync("supervisor");
        await page.GotoAsync($"/Crm/Tickets/{ticketId}");

        var firstResponse = page.Locator("#sla-targets tr[data-key='first_response']");
        await Expect(firstResponse.Locator(".sla-status")).ToHaveTextAsync("Running");
        await Expect(page.Locator("#sla-timeline li[data-what='started']")).ToHaveCountAsync(2);
        await Expect(page.Locator("#ticket-sla .sla-countdown")).ToContainTextAsync("First response · 7h 59m left");

        await page.GetByLabel("Note").FillAsync("We are looking into your refund.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reply to customer" }).ClickAsync();

        await Expect(firstResponse.Locator(".sla-status")).ToHaveTextAsync("Achieved");
        await Expect(page.Locator("#sla-timeline li[data-what='achieved']")).ToContainTextAsync("First response");
        await Expect(page.Locator("#ticket-sla .sla-countdown")).ToContainTextAsync("Resolution · ");
        await Expect(page.Locator("#ticket-history li[data-action='reply']")).ToContainTextAsync("looking into your refund");
    });
}
