using System.Net;
using System.Net.WebSockets;
using CallCenter.Tests.Infrastructure;
using CallCenter.Tests.Web;

namespace CallCenter.Tests.Security;

/// <summary>A role change signs the person out everywhere: their relayed live socket ends too, within the recheck.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class RelayRoleChangeTests(CallCenterFixture fixture)
{
    [Fact]
    public async Task ARelayedSocketEndsWhenItsPersonsRoleChanges()
    {
        await using var web = await ProductionWeb.StartAsync(fixture);
        using var admin = fixture.CreateApiClient();
        var (user, password) = await TestPeople.AddAsync(admin, "supervisor");
        var cookies = new CookieContainer();
        using (var browser = web.Browser(cookies: cookies))
        {
            using var signedIn = await browser.SignInAsync(user, password);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var client = web.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            request.Headers.Cookie = cookies.GetCookieHeader(ProductionWeb.Https);
            request.Headers.Origin = ProductionWeb.Https.GetLeftPart(UriPartial.Authority);
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = await client.ConnectAsync(
            new UriBuilder(ProductionWeb.Https) { Scheme = "wss", Path = "/ws/updates", Query = "topics=agents" }.Uri, timeout.Token);

        // The relay carries the floor to them while they are who they were.
        (await admin.PatchAsync("/api/agents/AGT-007/status?status=available")).Expect(HttpStatusCode.OK);
        var buffer = new byte[64 * 1024];
        var first = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(WebSocketMessageType.Text, first.MessageType);

        // Changed straight through the API, as another Web replica would: the relay notices on its own.
        await TestPeople.MakeAgentAsync(admin, user);

        // Whatever arrives next, the socket ends within the deadline rather than carrying on.
        var ended = false;
        while (!ended)
        {
            try
            {
                ended = (await socket.ReceiveAsync(buffer, timeout.Token)).MessageType == WebSocketMessageType.Close;
            }
            catch (Exception exception) when (exception is WebSocketException or IOException)
            {
                ended = true;
            }
        }

        Assert.False(timeout.IsCancellationRequested);
    }
}
