using System.Text.RegularExpressions;
using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

/// <summary>The CRM list's SLA column: a countdown in business time, the Breached badge and the SLA filter.</summary>
[Collection(CallCenterCollection.Name)]
public sealed partial class SlaCrmTests(CallCenterFixture fixture, ChromiumFixture chromium)
{
    [Fact]
    public Task RoundTheClockTicketCountsDownWhileTheListIsOpen() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var ticketId = await SlaTickets.OpenAsync(fixture, "Countdown", "urgent");
        var crm = await browser.SignInAsync("supervisor");
        var countdown = crm.Locator($"#tickets tr[data-key='{ticketId}'] .sla-countdown");

        // Urgent under the standard policy: an hour for the first response, counted in calendar time.
        await Expect(countdown).ToHaveTextAsync(Countdown());
        var first = SecondsLeft(await countdown.TextContentAsync());
        await Expect(countdown).Not.ToHaveTextAsync(await countdown.TextContentAsync() ?? "");
        var later = SecondsLeft(await countdown.TextContentAsync());

        Assert.InRange(first, 3000, 3600);
        Assert.True(later < first, $"{later} s left after {first} s");
    });

    [Fact]
    public Task BreachedFilterListsTheTicketWhoseTargetWasMissed() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var breached = await SlaTickets.OpenAsync(fixture, "Missed first response", "medium");
        var onTime = await SlaTickets.OpenAsync(fixture, "On time", "medium");
        await SlaTickets.BreachFirstResponseAsync(fixture, breached);
        var crm = await browser.SignInAsync("supervisor");

        await crm.Locator("select[name='slaStatus']").SelectOptionAsync("breached");
        await crm.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        var row = crm.Locator($"#tickets tr[data-key='{breached}']");
        await Expect(row.Locator(".sla-breached")).ToBeVisibleAsync();
        await Expect(row.Locator(".sla")).ToHaveAttributeAsync("data-sla-status", "breached");
        // The first response was missed, so the resolution is what it counts down to now.
        await Expect(row.Locator(".sla-countdown")).ToHaveTextAsync(new Regex("^Resolution · "));
        await Expect(crm.Locator($"#tickets tr[data-key='{onTime}']")).ToHaveCountAsync(0);
        await Expect(crm.Locator("#tickets tr .sla:not([data-sla-status='breached'])")).ToHaveCountAsync(0);
    });

    private static int SecondsLeft(string? text)
    {
        var match = Countdown().Match(text ?? "");
        Assert.True(match.Success, $"not a countdown: {text}");
        return (int.Parse(match.Groups[1].Value) * 60) + int.Parse(match.Groups[2].Value);
    }

    [GeneratedRegex(@"^First response · (\d+)m (\d+)s left$")]
    private static partial Regex Countdown();
}
