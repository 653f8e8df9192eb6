using Microsoft.Playwright;

namespace CallCenter.Tests.Web;

/// <summary>
/// One Chromium for every browser test of the collection, launched on first use (so a run of API tests alone
/// never starts it): each test still gets fresh browser contexts, which is what isolates people's sessions.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly SemaphoreSlim _launching = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _signedIn = new(StringComparer.OrdinalIgnoreCase);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Starting Playwright's driver and Chromium happens once; on a loaded machine it takes far longer than a page.</summary>
    private static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(90);

    public async Task<IBrowser> BrowserAsync()
    {
        await _launching.WaitAsync(LaunchTimeout);
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            _playwright ??= await Playwright.CreateAsync().WaitAsync(LaunchTimeout);
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = (float)LaunchTimeout.TotalMilliseconds,
            });
            return _browser;
        }
        finally
        {
            _launching.Release();
        }
    }

    /// <summary>
    /// A person's cookies right after they signed in through the form, so later tests start signed in without
    /// paying for the password hash and redirect again; the Web app's keys live as long as this collection.
    /// </summary>
    public string? SignedInState(string userName) => _signedIn.GetValueOrDefault(userName);

    public void RememberSignedIn(string userName, string storageState) => _signedIn[userName] = storageState;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync().WaitAsync(FloorBrowser.ExpectTimeout);
        }

        _playwright?.Dispose();
        _launching.Dispose();
    }
}
