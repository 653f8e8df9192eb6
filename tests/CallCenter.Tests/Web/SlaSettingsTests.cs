using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

/// <summary>The admins' SLA page: calendars added through the form, the API's refusals on their fields, and no way in for others.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class SlaSettingsTests(CallCenterFixture fixture, ChromiumFixture chromium)
{
    [Fact]
    public Task AdminAddsCalendarAndABadTimeZoneIsNamedOnItsField() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var calendarId = $"web-{Guid.NewGuid():N}"[..16];
        var admin = await browser.SignInAsync("admin");
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "SLA" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Add a calendar" }).ClickAsync();

        await admin.GetByLabel("Calendar id").FillAsync(calendarId);
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Jeddah branch");
        await admin.GetByLabel("Time zone").FillAsync("Asia/Nowhere");
        await admin.GetByLabel("Sunday").FillAsync("08:00-12:00, 13:00-17:00");
        await admin.GetByLabel("Holidays (one a line").FillAsync("2026-09-23 National Day");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save calendar" }).ClickAsync();

        await Expect(admin.Locator("[data-valmsg-for='Input.TimeZone']")).ToContainTextAsync("not a known time zone");
        await Expect(admin.GetByLabel("Sunday")).ToHaveValueAsync("08:00-12:00, 13:00-17:00");

        await admin.GetByLabel("Time zone").FillAsync("Asia/Riyadh");
        await admin.GetByLabel("Monday").FillAsync("08:00-25:00");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save calendar" }).ClickAsync();
        await Expect(admin.Locator("[data-valmsg-for='Input.Hours[monday]']")).Not.ToBeEmptyAsync();

        await admin.GetByLabel("Monday").FillAsync("08:00-17:00");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save calendar" }).ClickAsync();

        var row = admin.Locator($"#calendars tr[data-key='{calendarId}']");
        await Expect(row).ToContainTextAsync("Jeddah branch");
        await Expect(row).ToContainTextAsync("Asia/Riyadh");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(admin.GetByLabel("Monday")).ToHaveValueAsync("08:00-17:00");
        await Expect(admin.GetByLabel("Holidays (one a line")).ToHaveValueAsync("2026-09-23 National Day");

        // An .ics file's all-day events join the holidays typed in.
        await admin.Locator("input[type='file']").SetInputFilesAsync(new FilePayload
        {
            Name = "holidays.ics",
            MimeType = "text/calendar",
            Buffer = System.Text.Encoding.UTF8.GetBytes(FoundingDay),
        });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save calendar" }).ClickAsync();
        await admin.Locator($"#calendars tr[data-key='{calendarId}']").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(admin.GetByLabel("Holidays (one a line")).ToHaveValueAsync("2026-09-23 National Day\n2027-02-22 Founding Day");
    });

    private const string FoundingDay = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//CallCenter web tests//EN
        BEGIN:VEVENT
        UID:founding-day@web-test
        DTSTAMP:20260101T000000Z
        DTSTART;VALUE=DATE:20270222
        DTEND;VALUE=DATE:20270223
        SUMMARY:Founding Day
        END:VEVENT
        END:VCALENDAR
        """;

    [Fact]
    public Task AdminAddsPolicyWithATargetInBusinessHours() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var policyId = $"web-{Guid.NewGuid():N}"[..16];
        var admin = await browser.SignInAsync("admin");
        await admin.GotoAsync("/Sla");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Add a policy" }).ClickAsync();

        await admin.GetByLabel("Policy id").FillAsync(policyId);
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Nobody's tickets");
        // After the standard catch-all (1000), so it holds none of the other tests' tickets; each policy has its own position.
        await admin.GetByLabel("Position").FillAsync(Random.Shared.Next(100_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await admin.GetByLabel("Calendar", new() { Exact = true }).SelectOptionAsync("riyadh");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Expect(admin.Locator("[data-valmsg-for='Input.Minutes[low_first_response]']")).Not.ToBeEmptyAsync();

        await admin.GetByLabel("Low, First response: minutes").FillAsync("90");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();

        await Expect(admin.Locator($"#policies tr[data-key='{policyId}']")).ToContainTextAsync("riyadh");
    });

    [Fact]
    public Task SupervisorCannotReachTheSlaPage() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var supervisor = await browser.SignInAsync("supervisor");
        await Expect(supervisor.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "SLA" })).ToHaveCountAsync(0);

        await supervisor.GotoAsync("/Sla/Calendar");

        await Expect(supervisor.Locator("#access-denied")).ToBeVisibleAsync();
    });
}
