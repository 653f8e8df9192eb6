using System.Diagnostics;
using CallCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

/// <summary>The app of <see cref="ApiUnavailableTests"/>: one API replica, which the tests stop and start.</summary>
public sealed class OneApiReplicaFixture() : AppFixture(["--Api:Replicas=1"]);

/// <summary>
/// Its own app rather than the shared one: it stops the API, and PostgreSQL. While either is away every page says so
/// at once (503, Retry-After, in the reader's language) and comes back by itself once the API answers again.
/// </summary>
public sealed class ApiUnavailableTests(OneApiReplicaFixture fixture, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<OneApiReplicaFixture>, IClassFixture<ChromiumFixture>
{
    /// <summary>
    /// The issue asks for 2 s, which the Web meets in about 1 s on a quiet machine (the test prints the figure); the
    /// assertion allows what a CI machine running several apps at once adds, and still tells a fast answer from the
    /// 30-s hang there was before.
    /// </summary>
    private static readonly TimeSpan UnavailablePageBudget = TimeSpan.FromSeconds(5);

    /// <summary>The Web app's write timeout (15 s) with room for a loaded machine.</summary>
    private static readonly TimeSpan WriteAnswerDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Starting the API's process again on a loaded machine, then one Retry-After wait of the page.</summary>
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public Task StopOfTheApiShowsTheUnavailablePageQuicklyAndTheOpenPageRecoversByItself() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var crm = await browser.SignInAsync("supervisor");
        var form = await browser.SignInAsync("AGT-003");
        await form.GotoAsync("/Crm/New");

        await RunOnAsync("api", KnownResourceCommands.StopCommand);

        await ExpectUnavailableAsync(crm, "The service is temporarily unavailable", "ltr");

        // The language switch leads back to the page asked for, not to the error page that stood in for it.
        await crm.GetByRole(AriaRole.Button, new() { Name = "العربية" }).ClickAsync();
        await Expect(crm.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(crm).ToHaveURLAsync(new Uri(browser.Web, "/Crm").ToString());
        await ExpectUnavailableAsync(crm, "الخدمة غير متاحة مؤقتًا", "rtl");

        // A post is never sent again by itself: the page says so and offers the way back.
        await form.GetByLabel("Customer name").FillAsync("Hessa Al-Mutairi");
        await form.GetByLabel("Customer phone").FillAsync("+966506789012");
        await form.GetByLabel("Subject").FillAsync("Router keeps rebooting");
        // A write waits up to the Web app's 15 s write timeout (never retried) when the stopped API's address still takes
        // the connection; Playwright's own wait is 15 s too, so this one is longer.
        var posted = await form.RunAndWaitForResponseAsync(
            () => form.GetByRole(AriaRole.Button, new() { Name = "Open ticket" }).ClickAsync(),
            response => response.Request.Method == "POST",
            new() { Timeout = (float)WriteAnswerDeadline.TotalMilliseconds });
        Assert.Equal(503, posted.Status);
        await Expect(form.Locator("#unavailable-back")).ToBeVisibleAsync();
        await Expect(form.Locator("#unavailable-retry")).ToHaveCountAsync(0);

        var started = Stopwatch.StartNew();
        await RunOnAsync("api", KnownResourceCommands.StartCommand);
        await Expect(crm.Locator("#unavailable")).ToHaveCountAsync(0, new() { Timeout = (float)RecoveryDeadline.TotalMilliseconds });
        await Expect(crm.Locator("h1")).ToHaveTextAsync("إدارة العملاء");
        output.WriteLine($"The open page showed the CRM again {started.Elapsed.TotalSeconds:F1} s after the API's start command.");
    });

    [Fact]
    public Task StopOfPostgresShowsTheUnavailablePageAndTheOpenPageRecovers() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var crm = await browser.SignInAsync("supervisor");

        // The API itself answers now: 503 with Retry-After, at once, where a stopped API left the request hanging.
        await RunOnAsync("postgres", KnownResourceCommands.StopCommand);
        await ExpectUnavailableAsync(crm, "The service is temporarily unavailable", "ltr");

        var started = Stopwatch.StartNew();
        await RunOnAsync("postgres", KnownResourceCommands.StartCommand);
        await Expect(crm.Locator("#unavailable")).ToHaveCountAsync(0, new() { Timeout = (float)RecoveryDeadline.TotalMilliseconds });
        await Expect(crm.Locator("h1")).ToHaveTextAsync("CRM");
        output.WriteLine($"The open page showed the CRM again {started.Elapsed.TotalSeconds:F1} s after PostgreSQL's start command.");
    });

    /// <summary>
    /// Loads the page afresh and expects the unavailable page in its place. The 2 s are for the Web's answer; how long
    /// the browser then takes to draw it depends on a machine that runs two apps and the tests on two cores.
    /// </summary>
    private async Task ExpectUnavailableAsync(IPage page, string heading, string direction)
    {
        var asked = Stopwatch.StartNew();
        var response = await page.ReloadAsync(new() { WaitUntil = WaitUntilState.Commit })
            ?? throw new InvalidOperationException("The reload had no response.");
        var answered = asked.Elapsed;
        await Expect(page.Locator("#unavailable h1")).ToHaveTextAsync(heading);
        output.WriteLine($"The unavailable page ({direction}) answered in {answered.TotalMilliseconds:F0} ms, was shown in {asked.Elapsed.TotalMilliseconds:F0} ms.");

        Assert.True(answered <= UnavailablePageBudget, $"The unavailable page took {answered.TotalMilliseconds:F0} ms to answer.");
        Assert.Equal(503, response.Status);
        Assert.True(int.TryParse(await response.HeaderValueAsync("retry-after"), out var seconds) && seconds > 0);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", direction);
        await Expect(page.Locator("#unavailable-retry")).ToBeVisibleAsync();
    }

    private async Task RunOnAsync(string resourceName, string command)
    {
        var app = fixture.App.App;
        var resource = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resourceName);
        using var timeout = new CancellationTokenSource(RecoveryDeadline);
        var result = await app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command, timeout.Token);
        Assert.True(result.Success, result.Message);
        if (command == KnownResourceCommands.StopCommand)
        {
            await app.ResourceNotifications.WaitForResourceAsync(
                resourceName, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
        }
    }
}
