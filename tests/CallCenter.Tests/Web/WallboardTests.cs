using System.Globalization;
using CallCenter.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

[Collection(CallCenterCollection.Name)]
public sealed class WallboardTests(CallCenterFixture fixture, ChromiumFixture chromium)
{
    [Fact]
    public Task WallboardNumbersMoveWithTheFloor() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        using var api = fixture.CreateApiClient();
        await api.PatchAsync("/api/agents/AGT-007/status?status=offline");
        var board = await browser.SignInAsync("supervisor");
        await board.GotoAsync("/Wallboard");
        await board.WaitForLiveAsync();
        var queued = await NumberAsync(board, "#queue-length");
        var talking = await NumberAsync(board, "#calls-in-progress");
        var busy = await NumberAsync(board, "#agents-busy");

        var customer = await browser.SignInAsync("supervisor");
        var callId = await customer.CallInAsync("Wallboard Caller", "sales");
        await Expect(board.Locator("#queue-length")).ToHaveTextAsync(Text(queued + 1));
        await Expect(board.Locator("#longest-wait")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+:\d\d$"));

        await api.PatchAsync("/api/agents/AGT-007/status?status=busy");
        await api.PostAsync($"/api/calls/{callId}/status?status=in_progress&agent_id=AGT-007");
        await Expect(board.Locator("#queue-length")).ToHaveTextAsync(Text(queued));
        await Expect(board.Locator("#calls-in-progress")).ToHaveTextAsync(Text(talking + 1));
        await Expect(board.Locator("#agents-busy")).ToHaveTextAsync(Text(busy + 1));
        await Expect(board.Locator("#agents-list-busy li[data-key='AGT-007']")).ToBeVisibleAsync();

        await api.PostAsync($"/api/calls/{callId}/end");
        await api.PatchAsync("/api/agents/AGT-007/status?status=offline");
        await Expect(board.Locator("#calls-in-progress")).ToHaveTextAsync(Text(talking));
        await Expect(board.Locator("#agents-busy")).ToHaveTextAsync(Text(busy));
    });

    private static async Task<int> NumberAsync(Microsoft.Playwright.IPage page, string selector) =>
        int.Parse(await page.Locator(selector).InnerTextAsync(), CultureInfo.InvariantCulture);

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
