using System.Net;
using System.Net.WebSockets;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Foundation;

/// <summary>
/// What runs on several machines, proved as far as one allows (issue 16): <c>Api:Replicas=4</c> under the AppHost, a
/// key's request budget and its socket cap holding across all four, and a replica killed under writes losing nothing.
/// </summary>
public sealed class FourReplicaTests
{
    private const int Replicas = 4;

    private const int SocketsPerReplica = 3;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task FourReplicasShareOneBudgetCapSocketsEachAndLoseNothingWhenOneIsKilled()
    {
        await using var app = await CallCenterApp.StartAsync(apiReplicas: Replicas, settings: [$"--Api:SocketsPerCaller={SocketsPerReplica}"])
            .WaitAsync(CallCenterApp.StartTimeout + Deadline);
        using var admin = new ApiClient(app.CreateHttpClient("api"));

        await RequestBudgetIsOneAcrossAllAsync(app, admin);
        await SocketsAreCappedOnEachAsync(app, admin);
        await AKilledReplicaLosesNothingAsync(app, admin);
    }

    private static async Task RequestBudgetIsOneAcrossAllAsync(CallCenterApp app, ApiClient admin)
    {
        const int Budget = 40;
        var key = await IssueKeyAsync(admin, Budget);
        using var http = app.CreateHttpClient("api", authenticated: false);
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var answers = new List<(HttpStatusCode Status, string ServedBy)>();
        await RateWindow.WithRoomAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < Budget + 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/agents?limit=1") { Headers = { ConnectionClose = true } };
            using var response = await http.SendAsync(request);
            answers.Add((response.StatusCode, response.Headers.GetValues("X-Served-By").Single()));
        }

        // Four replicas counting alone would have let all sixty through. Each replica leases its share from Redis, so
        // a replica may still hold an unspent request of the minute when the budget runs out elsewhere: never over the
        // budget, at most one short per replica (40 and 39 both seen on this machine).
        var admitted = answers.Count(answer => answer.Status == HttpStatusCode.OK);
        Assert.InRange(admitted, Budget - Replicas + 1, Budget);
        Assert.Equal(answers.Count - admitted, answers.Count(answer => answer.Status == HttpStatusCode.TooManyRequests));
        Assert.Equal(Replicas, answers.Select(answer => answer.ServedBy).Distinct().Count());
    }

    private static async Task SocketsAreCappedOnEachAsync(CallCenterApp app, ApiClient admin)
    {
        var key = await IssueKeyAsync(admin, requestsPerMinute: null);
        var uri = new UriBuilder(app.App.GetEndpoint("api", "http")) { Scheme = "ws", Path = "/ws/updates" }.Uri;
        void WithKey(ClientWebSocketOptions options) => options.SetRequestHeader("Authorization", $"Bearer {key}");
        var open = new List<LiveSocket>();
        try
        {
            // Connections land on any replica; a run of refusals means all four are full.
            for (var refusedInARow = 0; refusedInARow < 24 && open.Count <= Replicas * SocketsPerReplica;)
            {
                try
                {
                    open.Add(await LiveSocket.ConnectAsync(uri, WithKey));
                    refusedInARow = 0;
                }
                catch (WebSocketException)
                {
                    refusedInARow++;
                }
            }

            Assert.Equal(
                Enumerable.Repeat(SocketsPerReplica, Replicas),
                open.GroupBy(socket => socket.ServedBy).Select(group => group.Count()));
        }
        finally
        {
            foreach (var socket in open)
            {
                await socket.DisposeAsync();
            }
        }
    }

    private static async Task AKilledReplicaLosesNothingAsync(CallCenterApp app, ApiClient admin)
    {
        await using var socket = await LiveSocket.ConnectAsync(app);
        var victim = (await admin.GetAsync("/api/departments")).ServedBy is { } servedBy && servedBy != socket.ServedBy
            ? servedBy
            : await OtherReplicaAsync(admin, socket.ServedBy!);
        var acknowledged = new List<string>();
        var killedAt = DateTime.MinValue;
        for (var i = 0; i < 40; i++)
        {
            if (i == 10)
            {
                killedAt = DateTime.UtcNow;
                ServerProcesses.KillService(app, victim);
            }

            // The gateway drops a dead replica from its list; a write that reached it as it died is answered 503 and retried.
            var answer = await admin.SendAsync(HttpMethod.Post, $"/api/calls?phone_number={ApiClient.NewSaudiMobile()}", jsonBody: null, newConnection: true);
            if (answer.Status == HttpStatusCode.OK)
            {
                acknowledged.Add(answer.Str("call_id"));
            }
            else
            {
                answer.Expect(HttpStatusCode.ServiceUnavailable);
            }
        }

        Assert.True(acknowledged.Count >= 35, $"only {acknowledged.Count} of 40 writes acknowledged with one replica of four down");
        var (last, before) = await socket.NextMatchingAsync(frame => frame["type"]!.GetValue<string>() == "call:new"
            && frame["data"]!["call_id"]!.GetValue<string>() == acknowledged[^1]);
        var frames = before.Append(last).ToList();
        var ids = frames.Select(frame => frame["id"]!.GetValue<long>()).ToList();
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(offset => ids[0] + offset), ids);
        var announced = frames.Where(frame => frame["type"]!.GetValue<string>() == "call:new").Select(frame => frame["data"]!["call_id"]!.GetValue<string>());
        Assert.Empty(acknowledged.Except(announced));
        await ServerProcesses.WaitUntilReplacedAsync(app, victim, killedAt, Deadline);
    }

    private static async Task<string> OtherReplicaAsync(ApiClient admin, string notThis)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if ((await admin.SendAsync(HttpMethod.Get, "/api/departments", jsonBody: null, newConnection: true)).ServedBy is { } servedBy && servedBy != notThis)
            {
                return servedBy;
            }
        }

        throw new InvalidOperationException($"Every answer came from {notThis}.");
    }

    private static async Task<string> IssueKeyAsync(ApiClient admin, int? requestsPerMinute) =>
        (await admin.PostAsync("/api/keys", new { name = $"four replicas {Guid.NewGuid():N}", role = "integration", requests_per_minute = requestsPerMinute }))
            .Expect(HttpStatusCode.Created).Str("api_key");
}
