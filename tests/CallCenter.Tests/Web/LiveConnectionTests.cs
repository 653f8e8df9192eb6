using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

[Collection(CallCenterCollection.Name)]
public sealed class LiveConnectionTests(CallCenterFixture fixture, ChromiumFixture chromium)
{
    [Fact]
    public Task DroppedConnectionShowsReconnectingThenResumesWithLastEventId() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        using var api = fixture.CreateApiClient();
        var desk = await browser.SignInAsync("AGT-002");

        // Every socket the desk opens passes through here, so the test can cut one and hold the next ones back.
        var urls = new List<string>();
        IWebSocketRoute? current = null;
        var refusing = false;
        await desk.RouteWebSocketAsync("**/ws/updates**", socket =>
        {
            lock (urls)
            {
                urls.Add(socket.Url);
                if (refusing)
                {
                    _ = socket.CloseAsync();
                    return;
                }

                socket.ConnectToServer();
                current = socket;
            }
        });
        await desk.ReloadAsync();
        await desk.WaitForLiveAsync();

        // An event, so the page has an id to resume from.
        await api.PatchAsync("/api/agents/AGT-002/status?status=busy");
        await Expect(desk.Locator("#my-status")).ToHaveTextAsync("On a call");

        IWebSocketRoute dropped;
        lock (urls)
        {
            refusing = true;
            dropped = current!;
        }

        await dropped.CloseAsync();
        await Expect(desk.Locator("#live-status")).ToHaveAttributeAsync("data-state", "reconnecting");

        // While the desk is away a caller joins the queue; the resumed socket replays it.
        var started = await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}&customer_name=Resumed%20Caller");
        var callId = started.Str("call_id");
        await api.PostAsync($"/api/calls/{callId}/route?department=support");
        lock (urls)
        {
            refusing = false;
        }

        await Expect(desk.QueueRow(callId)).ToContainTextAsync("Resumed Caller");
        await desk.WaitForLiveAsync();
        lock (urls)
        {
            Assert.Contains("last_event_id=", urls[^1], StringComparison.Ordinal);
        }

        await api.PostAsync($"/api/calls/{callId}/end");
        await api.PatchAsync("/api/agents/AGT-002/status?status=available");
    });
}
