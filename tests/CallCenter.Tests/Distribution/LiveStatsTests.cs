using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using CallCenter.Tests.Infrastructure;
using CallCenter.Tests.Security;

namespace CallCenter.Tests.Distribution;

/// <summary>
/// The stats topic (issue 13): the floor's figures pushed as stats:updated while calls are placed and answered, by
/// one replica at a time and at most once a second, equal to GET /api/stats/now, for supervisors and admins only.
/// </summary>
[Collection(AcdCollection.Name)]
public sealed class LiveStatsTests(AcdFixture fixture) : AcdTest(fixture)
{
    private const string StatsUpdated = "stats:updated";

    /// <summary>Every figure of a window that does not move with the clock while the floor is quiet.</summary>
    private static readonly string[] SettledFields =
    [
        "offered", "transfers_in", "callbacks", "answered", "answered_within_threshold", "abandoned", "short_abandoned",
        "transferred_out", "service_level", "service_level_target", "service_level_seconds", "asa_seconds", "handled", "aht_seconds",
        "abandon_rate", "calls_waiting", "longest_wait_seconds", "agents_by_activity",
    ];

    [Fact]
    public async Task ASupervisorsStatsSocketFollowsACallAnsweredWithTheFiguresOfStatsNow()
    {
        var supervisor = await FloorKeys.IssueAsync(Fixture, "supervisor");
        // The stats socket first: every push in the unfiltered socket's stream comes after the stats socket joined.
        await using var stats = await ConnectAsync(supervisor, "topics=stats");
        await using var everything = await LiveSocket.ConnectAsync(Fixture.App);
        var before = (await NowAsync("sales"))["today"]!;

        await Floor.MakeAvailableAsync("AGT-004");
        var call = await Floor.QueueCallAsync("sales");
        (await Api.PostAsync($"/api/calls/{call}/assign", new { agent_id = "AGT-004" })).Expect(HttpStatusCode.OK);
        (await Api.PostAsync($"/api/calls/{call}/accept", new { agent_id = "AGT-004" })).Expect(HttpStatusCode.OK);
        (await Api.PostAsync($"/api/calls/{call}/end")).Expect(HttpStatusCode.OK);

        // Handled once the wrap-up runs out: that is the floor's last move, so the push showing it is the last one.
        var (pushed, earlier) = await stats.NextMatchingAsync(frame =>
            Sales(frame)["today"].Value<int>("handled") == before.Value<int>("handled") + 1
            && Sales(frame)["today"].Value<int>("answered") == before.Value<int>("answered") + 1);
        var data = pushed["data"]!;
        Assert.Equal(AcdFloor.TimeZone, data.Text("time_zone"));
        Assert.Superset(new HashSet<string> { "sales", "support", "complaints", "billing" }, data["departments"]!.AsObject().Select(department => department.Key).ToHashSet());
        Assert.True(Sales(pushed)["last_15_minutes"].Value<int>("answered") >= 1);

        var salesNow = await NowAsync("sales");
        var centerNow = await NowAsync(null);
        Assert.Equal(salesNow["today"]!["window"].Value<DateTime>("start"), Sales(pushed)["today"]!["window"].Value<DateTime>("start"));
        Assert.All(SettledFields, field => Assert.True(
            JsonNode.DeepEquals(salesNow["today"]![field], Sales(pushed)["today"]![field]), $"sales {field}: {salesNow["today"]![field]} now, {Sales(pushed)["today"]![field]} pushed"));
        Assert.All(SettledFields, field => Assert.True(
            JsonNode.DeepEquals(centerNow["today"]![field], data["center"]!["today"]![field]), $"center {field}: {centerNow["today"]![field]} now, {data["center"]!["today"]![field]} pushed"));

        // One push at a time, a second apart at least, each dated the instant its figures were taken.
        var pushes = earlier.Append(pushed).ToList();
        Assert.All(pushes, frame => Assert.Equal(StatsUpdated, frame.Text("type")));
        Assert.All(pushes, frame => Assert.Equal(frame.Value<DateTime>("ts"), frame["data"].Value<DateTime>("now")));
        Assert.All(pushes.Zip(pushes.Skip(1)), pair =>
        {
            Assert.True(pair.Second.Value<long>("id") > pair.First.Value<long>("id"));
            Assert.True(pair.Second.Value<DateTime>("ts") - pair.First.Value<DateTime>("ts") >= TimeSpan.FromSeconds(1), $"{pair.First} then {pair.Second}");
        });

        // An unfiltered admin socket has them in the one contiguous stream, and a resume replays them.
        var stream = await everything.UntilIdAsync(pushed.Value<long>("id"));
        Assert.Equal(Enumerable.Range(0, stream.Count).Select(offset => stream[0].Value<long>("id") + offset), stream.Select(frame => frame.Value<long>("id")));
        // A push between the two sockets' joins reached only the stats socket.
        Assert.Equal(
            pushes.Select(frame => frame.Value<long>("id")).Where(id => id >= stream[0].Value<long>("id")),
            stream.Where(frame => frame.Text("type") == StatsUpdated).Select(frame => frame.Value<long>("id")));
        await using var resumed = await ConnectAsync(supervisor, $"topics=stats&last_event_id={pushed.Value<long>("id") - 1}");
        Assert.True(JsonNode.DeepEquals(pushed, await resumed.NextAsync()));
    }

    [Fact]
    public async Task AnAgentNeverReceivesTheFigures()
    {
        var agent = await FloorKeys.IssueAsync(Fixture, "agent", "AGT-004");
        var integration = await FloorKeys.IssueAsync(Fixture, "integration");
        Assert.Equal(HttpStatusCode.Forbidden, await RefusedAsync(agent, "topics=agents,stats"));
        Assert.Equal(HttpStatusCode.Forbidden, await RefusedAsync(integration, "topics=stats"));

        await using var agentsSocket = await ConnectAsync(agent, "");
        await using var watching = await LiveSocket.ConnectAsync(Fixture.App, "topics=stats");
        await Floor.MakeAvailableAsync("AGT-004");
        var push = (await watching.NextMatchingAsync(frame => frame.Text("type") == StatsUpdated)).Match.Value<long>("id");

        // Her own activity change after the push: everything before it on her socket is all she was sent.
        (await Api.PatchAsync("/api/agents/AGT-004/activity", new { activity = "on_break", reason = "lunch" })).Expect(HttpStatusCode.OK);
        var (marker, before) = await agentsSocket.NextMatchingAsync(frame => frame.Value<long>("id") > push && frame.Text("type") == "agent:activity_changed");
        Assert.DoesNotContain(before.Append(marker), frame => frame.Text("type") == StatsUpdated);

        using var agentsApi = Fixture.CreateApiClient(agent.Secret);
        var page = (await agentsApi.GetAsync($"/api/events?after={push - 1}&limit=1")).Expect(HttpStatusCode.OK).Json;
        Assert.Empty(page["events"].Items());
        Assert.Equal(push, page.Value<long>("last_event_id"));
    }

    private static JsonNode Sales(JsonNode frame) => frame["data"]!["departments"]!["sales"]!;

    private async Task<JsonNode> NowAsync(string? department) =>
        (await Api.GetAsync(department is null ? "/api/stats/now" : $"/api/stats/now?department={department}")).Expect(HttpStatusCode.OK).Json;

    private Uri SocketUri(string query) =>
        new UriBuilder(Fixture.App.App.GetEndpoint("api", "http")) { Scheme = "ws", Path = "/ws/updates", Query = query }.Uri;

    private Task<LiveSocket> ConnectAsync(IssuedKey key, string query) =>
        LiveSocket.ConnectAsync(SocketUri(query), options => options.SetRequestHeader("Authorization", $"Bearer {key.Secret}"));

    /// <summary>The status of an upgrade the API refuses.</summary>
    private async Task<HttpStatusCode?> RefusedAsync(IssuedKey key, string query)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", $"Bearer {key.Secret}");
        await Assert.ThrowsAnyAsync<WebSocketException>(() => socket.ConnectAsync(SocketUri(query), CancellationToken.None).WaitAsync(LiveSocket.FrameTimeout));
        return socket.HttpStatusCode;
    }
}
