using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CallCenter.Tests.Web;

/// <summary>
/// One browser test's people on the floor, in the machine's Chromium (never a downloaded browser) driven by
/// Playwright against the running app's Web. Each person gets their own browser context, so one test can play the
/// agent and the customer. Every page is watched for Content-Security-Policy violations, and a test that caused
/// one fails: each browser test doubles as proof that the pages it uses live within the policy.
/// </summary>
public sealed class FloorBrowser : IAsyncDisposable
{
    /// <summary>How long an expectation waits for the page to catch up; live updates arrive well within it.</summary>
    public static readonly TimeSpan ExpectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>A whole browser test, from launch to the last expectation.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(2);

    private readonly IBrowser _browser;
    private readonly List<IBrowserContext> _contexts = [];

    static FloorBrowser() => Assertions.SetDefaultExpectTimeout((float)ExpectTimeout.TotalMilliseconds);

    private readonly ChromiumFixture _chromium;

    private FloorBrowser(IBrowser browser, ChromiumFixture chromium, Uri web)
    {
        _browser = browser;
        _chromium = chromium;
        Web = web;
    }

    public Uri Web { get; }

    /// <summary>
    /// Every policy violation any page of this test reported, in the browser's words. A page's own listener logs the
    /// <c>securitypolicyviolation</c> event, and Chromium logs its refusals itself; both name the policy.
    /// </summary>
    public ConcurrentQueue<string> CspViolations { get; } = new();

    private const string CspMarker = "Content Security Policy";

    // Injected by the browser's devtools channel, which the page's own policy does not govern.
    private const string ReportCspViolations = $$"""
        document.addEventListener('securitypolicyviolation', e =>
            console.error(`{{CspMarker}} violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    /// <summary>
    /// Runs a browser test within <see cref="TestTimeout"/> (or <paramref name="timeout"/>, for one that also restarts a
    /// service); when it fails, every open page is saved as a screenshot under the test output's <c>screenshots/</c>
    /// folder and the paths are added to the failure.
    /// </summary>
    public static async Task RunAsync(
        AppFixture fixture, ChromiumFixture chromium, Func<FloorBrowser, Task> test, TimeSpan? timeout = null, [CallerMemberName] string name = "")
    {
        await using var browser = new FloorBrowser(await chromium.BrowserAsync(), chromium, fixture.WebEndpoint);
        try
        {
            await test(browser).WaitAsync(timeout ?? TestTimeout);
            Assert.Empty(browser.CspViolations);
        }
        catch (Exception failure)
        {
            var shots = await browser.ScreenshotAllAsync(name);
            throw new BrowserTestException($"{failure.Message}\nScreenshots:\n{string.Join('\n', shots)}", failure);
        }
    }

    /// <summary>A new person's browser, not signed in.</summary>
    public async Task<IPage> OpenAsync(string path = "/", string? storageState = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Web.ToString(),
            Locale = "en-US",
            StorageState = storageState,
        });
        context.SetDefaultTimeout((float)ExpectTimeout.TotalMilliseconds);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains(CspMarker, StringComparison.Ordinal))
            {
                CspViolations.Enqueue($"{message.Page?.Url}: {message.Text}");
            }
        };
        await context.AddInitScriptAsync(ReportCspViolations);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    /// <summary>
    /// A new person's browser, signed in through the form (the first time in the collection, or always when
    /// <paramref name="throughTheForm"/>); it lands where sign-in sends that role: agents on their desk, others on the CRM.
    /// </summary>
    public async Task<IPage> SignInAsync(string userName, bool throughTheForm = false)
    {
        if (!throughTheForm && _chromium.SignedInState(userName) is { } state)
        {
            var landing = await OpenAsync(userName.StartsWith("AGT-", StringComparison.Ordinal) ? "/Agent" : "/Crm", state);
            await Assertions.Expect(landing.Locator("#signed-in-as")).ToHaveTextAsync(userName);
            return landing;
        }

        var page = await SignInAsync(userName, TestSecrets.DemoPassword);
        _chromium.RememberSignedIn(userName, await page.Context.StorageStateAsync());
        return page;
    }

    /// <summary>A new person's browser, signed in through the form with their own password.</summary>
    public async Task<IPage> SignInAsync(string userName, string password)
    {
        var page = await OpenAsync("/Account/SignIn");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync(userName);
        return page;
    }

    private async Task<IReadOnlyList<string>> ScreenshotAllAsync(string testName)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        var paths = new List<string>();
        var pages = _contexts.SelectMany(context => context.Pages).ToList();
        for (var index = 0; index < pages.Count; index++)
        {
            var path = Path.Combine(folder, $"{testName}-{index + 1}.png");
            try
            {
                await pages[index].ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 5_000 });
                paths.Add($"{path} ({pages[index].Url})");
            }
            catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
            {
                // A screenshot that times out on a loaded machine must not hide the failure it was taken for.
                paths.Add($"{path}: not taken ({exception.Message})");
            }
        }

        return paths;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync().WaitAsync(ExpectTimeout);
        }
    }
}

/// <summary>A browser test's failure, with where its screenshots were saved.</summary>
public sealed class BrowserTestException(string message, Exception inner) : Exception(message, inner);
