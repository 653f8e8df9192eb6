using System.Net;
using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

/// <summary>
/// Every page under its Content-Security-Policy, in Chromium: served with it, loading and going live without one
/// violation (<see cref="FloorBrowser"/> fails a test on any), and every form refusing a post without its token.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class ContentSecurityPolicyTests(CallCenterFixture fixture, ChromiumFixture chromium)
{
    private const string SeededTicket = "TKT-20241108-0001";
    private const string SeededCustomer = "CUST-001";

    [Fact]
    public Task EveryPageIsServedWithThePolicyAndKeepsWithinIt() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        using var api = fixture.CreateApiClient();
        var callId = (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}"))
            .Expect(HttpStatusCode.OK).Str("call_id");

        var visitor = await browser.OpenAsync();
        await VisitAsync(visitor, "/", live: false);
        await VisitAsync(visitor, "/Account/SignIn", live: false);
        await VisitAsync(visitor, "/no-such-page", live: false);

        var supervisor = await browser.SignInAsync("supervisor");
        await VisitAsync(supervisor, "/Crm", live: true);
        await VisitAsync(supervisor, "/Crm/New", live: false);
        await VisitAsync(supervisor, $"/Crm/Tickets/{SeededTicket}", live: true);
        await VisitAsync(supervisor, "/Customers", live: true);
        await VisitAsync(supervisor, $"/Customers/{SeededCustomer}", live: true);
        await VisitAsync(supervisor, "/CustomerLine", live: false);
        await VisitAsync(supervisor, $"/CustomerLine/{callId}", live: true);
        await VisitAsync(supervisor, $"/Calls/{callId}", live: true);
        await VisitAsync(supervisor, "/Wallboard", live: true);
        await VisitAsync(supervisor, "/Agent", live: false);
        await Expect(supervisor.Locator("#access-denied")).ToBeVisibleAsync();

        var agent = await browser.SignInAsync("AGT-006");
        await VisitAsync(agent, "/Agent", live: true);
    });

    [Fact]
    public Task InlineScriptAndStyleAreRefusedAndReported() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var page = await browser.OpenAsync("/Account/SignIn");

        // What an injected fragment would try: neither runs, and both are reported, so the watch really watches.
        await page.RunAndWaitForConsoleMessageAsync(
            () => page.EvaluateAsync("""
                () => {
                    const script = document.createElement('script');
                    script.textContent = 'document.body.dataset.inlineRan = "yes"';
                    document.body.append(script);
                }
                """),
            new() { Predicate = message => message.Text.Contains("script-src", StringComparison.Ordinal) });
        await page.RunAndWaitForConsoleMessageAsync(
            () => page.Locator("h1").EvaluateAsync("h1 => h1.setAttribute('style', 'color: rgb(255, 0, 0)')"),
            new() { Predicate = message => message.Text.Contains("style-src", StringComparison.Ordinal) });

        Assert.Null(await page.Locator("body").GetAttributeAsync("data-inline-ran"));
        Assert.NotEqual("rgb(255, 0, 0)", await page.Locator("h1").EvaluateAsync<string>("h1 => getComputedStyle(h1).color"));
        Assert.Contains(browser.CspViolations, violation => violation.Contains("script-src", StringComparison.Ordinal));
        Assert.Contains(browser.CspViolations, violation => violation.Contains("style-src", StringComparison.Ordinal));
        // This test's violations were the point; the rest of the run must have none.
        browser.CspViolations.Clear();
    });

    /// <summary>
    /// Opens a page, checks its headers, lets its script go live where it has one (the socket is the policy's
    /// connect-src at work), then posts each of its forms without the antiforgery token: every one is refused.
    /// </summary>
    private static async Task VisitAsync(IPage page, string path, bool live)
    {
        var response = await page.GotoAsync(path) ?? throw new InvalidOperationException($"{path}: no response");
        SafetyHeaders.AssertPresent(await response.AllHeadersAsync(), path);
        if (live)
        {
            await page.WaitForLiveAsync();
        }

        var statuses = await page.EvaluateAsync<int[]>($$"""
            async () => {
                const statuses = [];
                for (const form of document.querySelectorAll('form[method="post" i]')) {
                    const body = new FormData(form);
                    body.delete('{{FloorHttp.TokenField}}');
                    const answer = await fetch(form.action, { method: 'POST', body, redirect: 'manual', credentials: 'same-origin' });
                    statuses.push(answer.status);
                }
                return statuses;
            }
            """);
        // Every page has at least the language switch.
        Assert.NotEmpty(statuses);
        Assert.All(statuses, status => Assert.Equal((int)HttpStatusCode.BadRequest, status));
    }
}
