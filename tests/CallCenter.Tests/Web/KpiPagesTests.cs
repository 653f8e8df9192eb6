using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CallCenter.Tests.Distribution;
using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

/// <summary>
/// Issue 13 in the browser: the wallboard's KPI tiles and chart follow the floor live, Reports shows the figures per
/// interval and per agent and downloads them as CSV, both in Arabic right to left. On the distributing floor, whose
/// sales picks by hand with T = 2 s, so a call answered after a few seconds' wait misses service level.
/// </summary>
[Collection(AcdCollection.Name)]
public sealed class KpiPagesTests(AcdFixture fixture, ChromiumFixture chromium) : AcdTest(fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly CultureInfo English = new("en");

    [Fact]
    public Task CallAnsweredAfterAWaitMovesServiceLevelAsaAndTheChartWithoutReload() => FloorBrowser.RunAsync(Fixture, chromium, async browser =>
    {
        var board = await browser.SignInAsync("supervisor");
        await board.GotoAsync("/Wallboard?department=sales");
        await board.WaitForLiveAsync();
        await Expect(board.Locator("#kpi-service-level .kpi-value")).ToBeVisibleAsync();
        await board.EvaluateAsync("() => { window.sameDocument = true; }");
        await Floor.MakeAvailableAsync("AGT-004");

        var callId = await Floor.QueueCallAsync("sales");
        await Expect(board.Locator("#kpi-calls-waiting .kpi-value")).ToHaveTextAsync("1");
        var queuedAt = (await Floor.CallAsync(callId)).Value<DateTime>("queued_at");
        // Riyadh is UTC+3, so the center's quarter hours are UTC's.
        var bucket = new DateTime(queuedAt.Ticks - queuedAt.Ticks % TimeSpan.FromMinutes(15).Ticks, DateTimeKind.Utc);
        var answeredBar = board.Locator($"#kpi-chart rect[data-measure='answered'][data-start='{bucket:O}']");
        var answeredBefore = (await QuarterAsync(bucket)).Value<int>("answered");
        await Expect(board.Locator($"#kpi-chart rect[data-measure='offered'][data-start='{bucket:O}']"))
            .ToHaveAttributeAsync("data-value", Number((await QuarterAsync(bucket)).Value<int>("offered")));
        await Expect(answeredBar).ToHaveAttributeAsync("data-value", Number(answeredBefore));

        await WaitedAsync(callId, AcdFloor.SalesServiceLevelSeconds + 1);
        (await Api.PostAsync($"/api/calls/{callId}/assign", new { agent_id = "AGT-004" })).Expect(HttpStatusCode.OK);
        (await Api.PostAsync($"/api/calls/{callId}/accept", new { agent_id = "AGT-004" })).Expect(HttpStatusCode.OK);

        await Expect(answeredBar).ToHaveAttributeAsync("data-value", Number(answeredBefore + 1));
        await Expect(board.Locator("#kpi-calls-waiting .kpi-value")).ToHaveTextAsync("0");
        // With nobody waiting, today's service level and ASA stand still: the tiles show exactly the API's figures.
        var today = (await Api.GetAsync("/api/stats/now?department=sales")).Expect(HttpStatusCode.OK).Json["today"]!;
        await Expect(board.Locator("#kpi-service-level .kpi-value")).ToHaveTextAsync(today.Value<double>("service_level").ToString("P1", English));
        await Expect(board.Locator("#kpi-asa .kpi-value")).ToHaveTextAsync(Duration(today.Value<double>("asa_seconds")));
        var standing = Standing(today.Value<double>("service_level"), today.Value<double>("service_level_target"));
        await Expect(board.Locator("#kpi-service-level-figures")).ToHaveAttributeAsync("data-standing", standing);
        Assert.True(await board.EvaluateAsync<bool>("() => window.sameDocument === true"), "the wallboard reloaded");

        // Each tile explains itself on demand, in the API's words.
        var definition = board.Locator("#kpi-service-level details");
        await definition.Locator("summary").ClickAsync();
        await Expect(definition).ToContainTextAsync("Answered within T ÷ (answered + abandoned − short abandons).");
        (await Api.PostAsync($"/api/calls/{callId}/end")).Expect(HttpStatusCode.OK);
    });

    [Fact]
    public Task ReportsShowIntervalsAndAgentsDownloadCsvAndPutRefusalsOnTheirFields() => FloorBrowser.RunAsync(Fixture, chromium, async browser =>
    {
        var page = await browser.SignInAsync("supervisor");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await Expect(page.Locator("#report-intervals tbody tr").First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Interval" }).SelectOptionAsync("15m");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Department" }).SelectOptionAsync("sales");
        await page.GetByRole(AriaRole.Listbox, new() { Name = "Agents (optional)" }).SelectOptionAsync(["AGT-004", "AGT-005"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("interval=15m"));
        Assert.True(await page.Locator("#report-intervals tbody tr").CountAsync() >= 1);
        await Expect(page.Locator("#report-agents")).ToBeVisibleAsync();

        var csvLink = page.Locator("#report-csv");
        var served = await page.APIRequest.GetAsync((await csvLink.GetAttributeAsync("href"))!);
        Assert.Equal(200, served.Status);
        Assert.StartsWith("text/csv", served.Headers["content-type"], StringComparison.Ordinal);
        Assert.StartsWith("start,end,agent_id,handled,", await served.TextAsync(), StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => csvLink.ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.StartsWith("start,end,", await File.ReadAllTextAsync((await download.PathAsync())!), StringComparison.Ordinal);

        // The API judges the range; its words land on the field it names.
        await page.GotoAsync("/Reports?from=2026-01-03&to=2026-01-01&interval=1h");
        await Expect(page.Locator("#from-error")).ToContainTextAsync("must be before to");
        await Expect(page.Locator("#report-intervals")).ToHaveCountAsync(0);
        await page.GotoAsync("/Reports?from=2020-01-01&to=2026-01-01&interval=15m");
        await Expect(page.Locator("#to-error")).ToContainTextAsync("intervals");
        await Expect(page.GetByLabel("To (included)")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("input-validation-error"));

        var desk = await browser.SignInAsync("AGT-004");
        await desk.GotoAsync("/Reports");
        await Expect(desk.Locator("#access-denied")).ToBeVisibleAsync();
        await Expect(desk.GetByRole(AriaRole.Link, new() { Name = "Reports" })).ToHaveCountAsync(0);
    });

    [Fact]
    public Task WallboardAndReportsReadRightToLeftInArabic() => FloorBrowser.RunAsync(Fixture, chromium, async browser =>
    {
        var board = await browser.SignInAsync("supervisor");
        await board.GotoAsync("/Wallboard");
        await board.GetByRole(AriaRole.Button, new() { Name = "العربية" }).ClickAsync();
        await Expect(board.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await board.WaitForLiveAsync();
        await Expect(board.Locator("#kpis-title")).ToHaveTextAsync("مستوى الخدمة ومؤشرات الأداء");
        await Expect(board.Locator("#kpi-service-level .kpi-name")).ToHaveTextAsync("مستوى الخدمة");
        await Expect(board.Locator("#kpi-calls-waiting .kpi-value")).ToHaveTextAsync("٠");
        await Expect(board.Locator("#kpis")).ToHaveCSSAsync("direction", "rtl");

        await board.GotoAsync("/Reports?interval=1h");
        await Expect(board.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(board.GetByRole(AriaRole.Heading, new() { Name = "التقارير" })).ToBeVisibleAsync();
        var firstOffered = board.Locator("#report-intervals tbody tr td[data-measure='offered']").First;
        await Expect(firstOffered).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[٠-٩٬]+$"));
        await Expect(board.Locator("#report-csv")).ToHaveTextAsync("تنزيل CSV");

        // Back to English for the other tests' sake: the language lives in the signed-in context's cookie.
        await board.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(board.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
    });

    private async Task<JsonNode> QuarterAsync(DateTime start) =>
        (await Api.GetAsync($"/api/stats/intervals?from={Iso(start)}&to={Iso(start.AddMinutes(15))}&interval=15m&department=sales"))
            .Expect(HttpStatusCode.OK).Json["intervals"].Items().Single();

    /// <summary>Until the queue says the call has waited <paramref name="seconds"/> by the server's clock.</summary>
    private async Task WaitedAsync(string callId, int seconds)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while ((await Api.GetAsync("/api/calls/queue?department=sales")).Expect(HttpStatusCode.OK).Json["queue"].Items()
            .Single(call => call.Text("call_id") == callId).Value<int>("wait_seconds") < seconds)
        {
            Assert.False(deadline.IsCancellationRequested, $"{callId} had not waited {seconds} s after {Deadline}.");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static string Standing(double level, double target) =>
        level >= target ? "meeting" : level >= target - 0.1 ? "near" : "below";

    private static string Duration(double seconds)
    {
        var whole = TimeSpan.FromSeconds(Math.Round(seconds));
        return $"{(int)whole.TotalMinutes}:{whole.Seconds:00}";
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateTime utc) => Uri.EscapeDataString(utc.ToString("O", CultureInfo.InvariantCulture));
}
