using System.Net;
using System.Net.Sockets;
using System.Text;
using CallCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Realtime;

/// <summary>
/// One API process on Kestrel, on the shared PostgreSQL and Redis, with a tiny socket buffer: a client that stops
/// reading loses its connection instead of holding memory, and the client that keeps reading is not held back.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class SlowSocketTests(CallCenterFixture fixture)
{
    // Large enough for the reader that keeps up on a loaded machine, small against what the stalled one misses.
    private const int Buffer = 128;
    private const int Events = 600;

    [Fact]
    public async Task ClientThatStopsReadingIsDroppedWhileOthersGetEverything()
    {
        await using var factory = await OwnReplica.StartAsync(fixture, host => host
            .UseSetting("RateLimiting:RequestsPerMinute", "1000000")
            .UseSetting("Realtime:SocketBufferEvents", Buffer.ToString(System.Globalization.CultureInfo.InvariantCulture))
            // Pings would find the stalled client too; pushed far out so only the full buffer can drop it.
            .UseSetting("Realtime:KeepAliveInterval", "00:05:00")
            // Accepted sockets inherit the listener's small send buffer, so a stalled reader backs up within a
            // few hundred frames rather than the megabytes Linux would otherwise queue on loopback.
            .ConfigureServices(services => services.Configure<SocketTransportOptions>(options =>
                options.CreateBoundListenSocket = endpoint =>
                {
                    var listener = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                    listener.SendBufferSize = 4096;
                    return listener;
                })));
        var baseAddress = factory.ClientOptions.BaseAddress;
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = TestSecrets.AdminAuthorization;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        using var stalled = await OpenStalledSocketAsync(baseAddress, timeout.Token);
        await using var reader = await LiveSocket.ConnectAsync(new UriBuilder(baseAddress) { Scheme = "ws", Path = "/ws/updates" }.Uri, LiveSocket.AsAdmin);
        var firstId = await (await fixture.EventLogAsync()).LastIdAsync() + 1;

        for (var i = 0; i < Events; i++)
        {
            using var response = await http.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}", null, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var lastId = await (await fixture.EventLogAsync()).LastIdAsync();
        var frames = await reader.UntilIdAsync(lastId);
        Assert.True(frames.Count(f => f["id"]!.GetValue<long>() >= firstId) >= Events);
        Assert.True(await DrainUntilDroppedAsync(stalled, timeout.Token), "the stalled client's connection was never closed");
    }

    /// <summary>A WebSocket handshake over a socket with a tiny receive buffer, which then reads nothing.</summary>
    private static async Task<TcpClient> OpenStalledSocketAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        var client = new TcpClient { ReceiveBufferSize = 4096 };
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, cancellationToken);
        var stream = client.GetStream();
        var handshake = $"GET /ws/updates HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Authorization: {TestSecrets.AdminAuthorization}\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(handshake), cancellationToken);
        var response = new StringBuilder();
        var one = new byte[1];
        while (!response.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await stream.ReadAsync(one, cancellationToken));
            response.Append((char)one[0]);
        }

        Assert.StartsWith("HTTP/1.1 101", response.ToString(), StringComparison.Ordinal);
        return client;
    }

    /// <summary>Reads what the server managed to queue; true once it has closed or reset the connection.</summary>
    private static async Task<bool> DrainUntilDroppedAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await client.GetStream().ReadAsync(buffer, cancellationToken) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
