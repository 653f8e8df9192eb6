using System.Net;
using System.Text.Json.Nodes;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Foundation;

/// <summary>
/// The API's one address is the gateway: every path of every replica behind it, sockets included, and the API's own
/// health rather than the gateway's.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class GatewayTests(CallCenterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheGatewayReachesBothReplicasAndAnswersWithTheApisOwnHealth()
    {
        using var gateway = new ApiClient(fixture.App.CreateHttpClient("gateway"));
        var servedBy = new HashSet<string>();
        using var deadline = new CancellationTokenSource(Timeout);
        while (servedBy.Count < 2)
        {
            // One keep-alive connection: the gateway balances requests, not connections.
            var alive = (await gateway.GetAsync("/alive").WaitAsync(deadline.Token)).Expect(HttpStatusCode.OK);
            servedBy.Add(alive.ServedBy ?? throw new InvalidOperationException("No X-Served-By through the gateway."));
        }

        Assert.All(servedBy, replica => Assert.StartsWith("api-", replica, StringComparison.Ordinal));
        var health = (await gateway.GetAsync("/health")).Expect(HttpStatusCode.OK);
        Assert.Contains(health.Json["checks"]!.AsObject(), check => check.Key.Contains("postgres", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The gateway watches the list's directory: in the system's temp directory that was every file any process wrote
    /// there, PostgreSQL's throw-away data included.
    /// </summary>
    [Fact]
    public void TheReplicaListLivesAloneInADirectoryOfItsOwn()
    {
        Assert.True(fixture.App.App.ResourceNotifications.TryGetCurrentState("gateway", out var gateway));
        var list = gateway.Snapshot.EnvironmentVariables.Single(variable => variable.Name == "Gateway__ReplicaFile").Value!;
        var directory = Path.GetDirectoryName(list)!;

        Assert.NotEqual(Path.TrimEndingDirectorySeparator(Path.GetTempPath()), directory);
        // The list, and the next one while the AppHost writes it.
        Assert.All(Directory.EnumerateFileSystemEntries(directory), entry => Assert.StartsWith(list, entry, StringComparison.Ordinal));
        Assert.True(File.Exists(list));
    }

    [Fact]
    public async Task ALiveSocketThroughTheGatewayCarriesACallPlacedThroughIt()
    {
        var address = new UriBuilder(fixture.App.App.GetEndpoint("gateway", "http")) { Scheme = "ws", Path = "/ws/updates", Query = "topics=calls" }.Uri;
        await using var socket = await LiveSocket.ConnectAsync(address, LiveSocket.AsAdmin);
        using var gateway = new ApiClient(fixture.App.CreateHttpClient("gateway"));

        var callId = (await gateway.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}"))
            .Expect(HttpStatusCode.OK).Str("call_id");

        var (frame, _) = await socket.NextMatchingAsync(frame =>
            frame["type"]!.GetValue<string>() == "call:new" && frame["data"]!["call_id"]!.GetValue<string>() == callId);
        Assert.StartsWith("api-", socket.ServedBy, StringComparison.Ordinal);
        Assert.IsType<JsonObject>(frame["data"]);
    }
}
