using CallCenter.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

/// <summary>The reports page's SLA compliance per policy, priority and kind.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class SlaReportTests(CallCenterFixture fixture, ChromiumFixture chromium)
{
    [Fact]
    public Task TodaysReportShowsComplianceOfTheTargetsStartedToday() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var breached = await SlaTickets.OpenAsync(fixture, "Compliance", "low");
        await SlaTickets.BreachFirstResponseAsync(fixture, breached);
        var page = await browser.SignInAsync("supervisor");

        await page.GotoAsync("/Reports");

        var row = page.Locator("#report-sla tbody tr[data-policy='standard'][data-priority-code='low'][data-kind='first_response']");
        await Expect(row).ToContainTextAsync("Standard");
        await Expect(row).ToContainTextAsync("First response");
        await Expect(row.Locator("[data-measure='breached']")).Not.ToHaveTextAsync("0");
        await Expect(page.Locator("#report-sla tfoot")).ToContainTextAsync("All targets");
    });
}
