using System.Net;
using System.Net.WebSockets;
using CallCenter.Tests.Infrastructure;
using CallCenter.Tests.Web;
using CallCenter.Web.SignIn;

namespace CallCenter.Tests.Security;

/// <summary>A role change signs the person out everywhere: their relayed live socket ends too, at once.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class RelayRoleChangeTests(CallCenterFixture fixture)
{
    [Fact]
    public async Task ARelayedSocketEndsWhenItsPersonsRoleChanges()
    {
        await using var web = ProductionWeb.AgainstApi(fixture.App.App.GetEndpoint("api", "http"));
        var (user, password) = web.AddPerson(FloorRoles.Supervisor);
        var cookies = new CookieContainer();
        using (var browser = web.Browser(cookies: cookies))
        {
            using var signedIn = await browser.SignInAsync(user.UserName, password);
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
        using var api = fixture.CreateApiClient();
        (await api.PatchAsync("/api/agents/AGT-007/status?status=available")).Expect(HttpStatusCode.OK);
        var buffer = new byte[64 * 1024];
        var first = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(WebSocketMessageType.Text, first.MessageType);

        web.Users.Add(new FloorUser(user.UserName, FloorRoles.Agent, "AGT-001"), password);

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
