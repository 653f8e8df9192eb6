using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using CallCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CallCenter.Tests.Realtime;

[Collection(CallCenterCollection.Name)]
public sealed class LiveUpdatesTests(CallCenterFixture fixture)
{
    private static long Id(JsonNode frame) => frame["id"]!.GetValue<long>();

    private static string Type(JsonNode frame) => frame["type"]!.GetValue<string>();

    private static void AssertContiguous(IReadOnlyList<JsonNode> frames)
    {
        var ids = frames.Select(Id).ToList();
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(i => ids[0] + i), ids);
    }

    private async Task<string> StartCallAsync(ApiClient api, bool newConnection = false) =>
        (await api.SendAsync(HttpMethod.Post, $"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}&customer_name=Live", null, newConnection))
            .Expect(HttpStatusCode.OK).Str("call_id");

    [Fact]
    public async Task ChangeOnOneReplicaReachesSocketOnTheOther()
    {
        using var api = fixture.CreateApiClient();
        await using var socket = await LiveSocket.ConnectAsync(fixture.App);
        Assert.NotNull(socket.ServedBy);

        ApiResponse created;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        do
        {
            deadline.Token.ThrowIfCancellationRequested();
            created = await api.SendAsync(HttpMethod.Post, $"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}", null, newConnection: true);
        }
        while (created.ServedBy == socket.ServedBy);

        var (frame, _) = await socket.NextMatchingAsync(f => Type(f) == "call:new" && f["data"]!["call_id"]!.GetValue<string>() == created.Str("call_id"));
        Assert.NotEqual(socket.ServedBy, created.ServedBy);
        Assert.Equal("initiated", frame["data"]!["status"]!.GetValue<string>());
        Assert.NotNull(frame["ts"]);
    }

    [Fact]
    public async Task EachOperationRaisesItsSeedEvent()
    {
        using var api = fixture.CreateApiClient();
        await using var socket = await LiveSocket.ConnectAsync(fixture.App);

        var call = await StartCallAsync(api);
        (await api.PostAsync($"/api/calls/{call}/route?department=support")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/calls/{call}/status?status=in_progress&agent_id=AGT-001")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/transcripts/{call}/messages?speaker=customer&content=Hello&language=en")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/calls/{call}/transfer?target_department=complaints&agent_id=AGT-003")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/calls/{call}/end")).Expect(HttpStatusCode.OK);
        var ticket = (await api.PostAsync("/api/tickets?customer_name=Ahmed&subject=Live")).Expect(HttpStatusCode.OK).Str("ticket_id");
        (await api.PatchAsync($"/api/tickets/{ticket}?status=resolved")).Expect(HttpStatusCode.OK);
        var agent = (await api.PatchAsync("/api/agents/AGT-002/status?status=on_break")).Expect(HttpStatusCode.OK);

        var (last, before) = await socket.NextMatchingAsync(f => Type(f) == "agent:status_changed" && f["data"]!["agent_id"]!.GetValue<string>() == "AGT-002");
        // Distribution adds agents' activity changes and, for the transfer to an available agent, its offer (with the
        // seed's call:updated that goes with it); the seed's events are all there, in order, around them.
        var frames = before.Append(last).ToList();
        var ours = frames
            .Where(f => f["data"]?["call_id"]?.GetValue<string>() == call || f["data"]?["ticket_id"]?.GetValue<string>() == ticket || f == last)
            .Where(f => Type(f) is not ("agent:activity_changed" or "call:offered"))
            .Where(f => !(Type(f) == "call:updated" && frames.IndexOf(f) > 0 && Type(frames[frames.IndexOf(f) - 1]) == "call:offered"))
            .ToList();
        Assert.Equal(
            ["call:new", "call:routed", "call:updated", "message:new", "call:transferred", "call:ended", "ticket:created", "ticket:updated", "agent:status_changed"],
            ours.Select(Type));
        Assert.Equal("support", ours[1]["data"]!["department"]!.GetValue<string>());
        Assert.Equal("in_progress", ours[2]["data"]!["status"]!.GetValue<string>());
        Assert.Equal("Hello", ours[3]["data"]!["content"]!.GetValue<string>());
        Assert.Equal("AGT-003", ours[4]["data"]!["to_agent"]!.GetValue<string>());
        Assert.True(ours[5]["data"]!["duration"]!.GetValue<int>() >= 0);
        Assert.Equal("resolved", ours[7]["data"]!["status"]!.GetValue<string>());
        Assert.Equal("on_break", ours[8]["data"]!["status"]!.GetValue<string>());
        Assert.NotNull(agent.ServedBy);
        AssertContiguous([.. before, last]);
    }

    [Fact]
    public async Task ResumeAfterDisconnectReplaysWhatWasMissedThenGoesLive()
    {
        using var api = fixture.CreateApiClient();
        long seen;
        await using (var first = await LiveSocket.ConnectAsync(fixture.App))
        {
            var call = await StartCallAsync(api);
            seen = Id((await first.NextMatchingAsync(f => f["data"]?["call_id"]?.GetValue<string>() == call)).Match);
        }

        var missed = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            missed.Add(await StartCallAsync(api));
        }

        await using var resumed = await LiveSocket.ConnectAsync(fixture.App, $"last_event_id={seen}");
        var live = await StartCallAsync(api);
        var (liveFrame, replayed) = await resumed.NextMatchingAsync(f => f["data"]?["call_id"]?.GetValue<string>() == live);

        var frames = replayed.Append(liveFrame).ToList();
        Assert.Equal(seen + 1, Id(frames[0]));
        AssertContiguous(frames);
        Assert.Superset(missed.ToHashSet(), frames.Select(f => f["data"]?["call_id"]?.GetValue<string>() ?? "").ToHashSet());
    }

    [Fact]
    public async Task ConcurrentWritersThroughBothReplicasGiveEverySocketTheSameContiguousSequence()
    {
        using var api = fixture.CreateApiClient();
        var sockets = new List<LiveSocket>();
        try
        {
            var first = await LiveSocket.ConnectAsync(fixture.App);
            sockets.Add(first);
            sockets.Add(await LiveSocket.ConnectToReplicaAsync(fixture.App, servedBy => servedBy != first.ServedBy));
            sockets.Add(await LiveSocket.ConnectAsync(fixture.App));

            var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ =>
                api.SendAsync(HttpMethod.Post, $"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}", null, newConnection: true)));
            Assert.All(responses, r => r.Expect(HttpStatusCode.OK));
            Assert.Equal(2, responses.Select(r => r.ServedBy).Distinct().Count());
            var lastId = await (await fixture.EventLogAsync()).LastIdAsync();

            var seen = await Task.WhenAll(sockets.Select(socket => socket.UntilIdAsync(lastId)));

            Assert.Equal(2, sockets.Select(s => s.ServedBy).Distinct().Count());
            foreach (var frames in seen)
            {
                AssertContiguous(frames);
                Assert.Equal(lastId, Id(frames[^1]));
            }

            var common = seen.Select(frames => frames.Where(f => Id(f) > seen.Max(s => Id(s[0]))).Select(Id).ToList()).ToList();
            Assert.All(common, ids => Assert.Equal(common[0], ids));
            var created = responses.Select(r => r.Str("call_id")).ToHashSet();
            Assert.All(seen, frames => Assert.Superset(created, frames.Select(f => f["data"]?["call_id"]?.GetValue<string>() ?? "").ToHashSet()));
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task RedisStoppedAndRestartedMidStreamLosesNoEvent()
    {
        using var api = fixture.CreateApiClient();
        var commands = fixture.App.App.Services.GetRequiredService<ResourceCommandService>();
        await using var socketA = await LiveSocket.ConnectAsync(fixture.App);
        await using var socketB = await LiveSocket.ConnectToReplicaAsync(fixture.App, servedBy => servedBy != socketA.ServedBy);
        var firstId = await (await fixture.EventLogAsync()).LastIdAsync() + 1;
        var created = new List<string>();
        IReadOnlyList<JsonNode>[] duringOutage;
        try
        {
            for (var i = 0; i < 10; i++)
            {
                created.Add(await StartCallAsync(api, newConnection: true));
            }

            var stopped = await commands.ExecuteCommandAsync("redis", KnownResourceCommands.StopCommand).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(stopped.Success, stopped.Message);
            for (var i = 0; i < 20; i++)
            {
                created.Add(await StartCallAsync(api, newConnection: true));
            }

            // The API stays ready (Redis only degrades it) and both sockets get the events made while Redis is
            // down, from PostgreSQL.
            var health = await api.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.Status);
            Assert.Equal("Degraded", health.Json["checks"]!["redis"]!["status"]!.GetValue<string>());
            var lastDuringOutage = await (await fixture.EventLogAsync()).LastIdAsync();
            duringOutage = await Task.WhenAll(socketA.UntilIdAsync(lastDuringOutage), socketB.UntilIdAsync(lastDuringOutage)).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            var started = await commands.ExecuteCommandAsync("redis", KnownResourceCommands.StartCommand).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(started.Success, started.Message);
            await fixture.App.App.ResourceNotifications.WaitForResourceHealthyAsync("redis").WaitAsync(TimeSpan.FromSeconds(60));
        }

        for (var i = 0; i < 10; i++)
        {
            created.Add(await StartCallAsync(api, newConnection: true));
        }

        var lastId = await (await fixture.EventLogAsync()).LastIdAsync();
        var afterOutage = await Task.WhenAll(socketA.UntilIdAsync(lastId), socketB.UntilIdAsync(lastId));
        foreach (var frames in duringOutage.Zip(afterOutage, (during, after) => during.Concat(after)))
        {
            var ours = frames.Where(f => Id(f) >= firstId).ToList();
            AssertContiguous(ours);
            Assert.Superset(created.ToHashSet(), ours.Select(f => f["data"]?["call_id"]?.GetValue<string>() ?? "").ToHashSet());
        }
    }

    [Fact]
    public async Task ReplicaStoppedItsClientResumesOnTheOtherWithNothingLost()
    {
        using var api = fixture.CreateApiClient();
        var commands = fixture.App.App.Services.GetRequiredService<ResourceCommandService>();
        var socket = await LiveSocket.ConnectAsync(fixture.App);
        var replica = socket.ServedBy!;
        var firstId = await (await fixture.EventLogAsync()).LastIdAsync() + 1;
        var created = new List<string>();
        var seen = new List<JsonNode>();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                created.Add(await StartCallAsync(api, newConnection: true));
            }

            seen.AddRange(await socket.UntilIdAsync(await (await fixture.EventLogAsync()).LastIdAsync()));
            var stopped = await commands.ExecuteCommandAsync(replica, KnownResourceCommands.StopCommand).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(stopped.Success, stopped.Message);

            // A stopping replica says goodbye properly, telling its client where to resume.
            await socket.Closed.WaitAsync(LiveSocket.FrameTimeout);
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);
            Assert.EndsWith($"last_event_id={Id(seen[^1])}", socket.CloseStatusDescription, StringComparison.Ordinal);

            // The replica is gone: its socket is closed and writes go to the one left.
            for (var i = 0; i < 10; i++)
            {
                var response = await api.SendAsync(HttpMethod.Post, $"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}", null, newConnection: true);
                Assert.NotEqual(replica, response.Expect(HttpStatusCode.OK).ServedBy);
                created.Add(response.Str("call_id"));
            }

            await socket.DisposeAsync();
            socket = await LiveSocket.ConnectAsync(fixture.App, $"last_event_id={Id(seen[^1])}");
            Assert.NotEqual(replica, socket.ServedBy);
            seen.AddRange(await socket.UntilIdAsync(await (await fixture.EventLogAsync()).LastIdAsync()));
        }
        finally
        {
            await socket.DisposeAsync();
            var started = await commands.ExecuteCommandAsync(replica, KnownResourceCommands.StartCommand).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(started.Success, started.Message);
            await fixture.App.App.ResourceNotifications.WaitForResourceHealthyAsync("api").WaitAsync(TimeSpan.FromSeconds(90));
        }

        var ours = seen.Where(f => Id(f) >= firstId).ToList();
        AssertContiguous(ours);
        Assert.Superset(created.ToHashSet(), ours.Select(f => f["data"]?["call_id"]?.GetValue<string>() ?? "").ToHashSet());
    }

    [Fact]
    public async Task ResumeFromBeforeTheKeptEventsGetsSyncReset()
    {
        using var api = fixture.CreateApiClient();
        for (var i = 0; i < 3; i++)
        {
            await StartCallAsync(api);
        }

        await using (var connection = new NpgsqlConnection(await fixture.App.GetConnectionStringAsync("callcenterdb")))
        {
            await connection.OpenAsync();
            await using var prune = new NpgsqlCommand("DELETE FROM events WHERE event_id <= 2", connection);
            await prune.ExecuteNonQueryAsync();
        }

        await using var socket = await LiveSocket.ConnectAsync(fixture.App, "last_event_id=0");
        var reset = await socket.NextAsync();
        var page = (await api.GetAsync("/api/events?after=0&limit=5")).Expect(HttpStatusCode.OK);

        Assert.Equal("sync:reset", Type(reset));
        Assert.True(reset["data"]!["oldest_event_id"]!.GetValue<long>() > 2);
        Assert.True(page.Json["reset"]!.GetValue<bool>());
        Assert.True(Id(page.Json["events"].Items()[0]) > 2);
    }

    [Fact]
    public async Task EventsEndpointPagesTheStreamInOrder()
    {
        using var api = fixture.CreateApiClient();
        var start = await (await fixture.EventLogAsync()).LastIdAsync();
        for (var i = 0; i < 4; i++)
        {
            await StartCallAsync(api);
        }

        var first = (await api.GetAsync($"/api/events?after={start}&limit=2")).Expect(HttpStatusCode.OK);
        var second = (await api.GetAsync($"/api/events?after={first.Json["last_event_id"]!.GetValue<long>()}&limit=2")).Expect(HttpStatusCode.OK);

        var ids = first.Json["events"].Items().Concat(second.Json["events"].Items()).Select(Id).ToList();
        Assert.Equal(Enumerable.Range(1, 4).Select(i => start + i), ids);
        Assert.All(first.Json["events"].Items(), e => Assert.Equal("call:new", Type(e)));
        (await api.GetAsync("/api/events?after=-1")).ExpectProblem(HttpStatusCode.BadRequest, "after");
    }

    [Fact]
    public async Task FilteredSocketGetsOnlyItsCallsTranscript()
    {
        using var api = fixture.CreateApiClient();
        var call = await StartCallAsync(api);
        var other = await StartCallAsync(api);
        await using var socket = await LiveSocket.ConnectAsync(fixture.App, $"topics=messages&call_id={call}");

        (await api.PostAsync($"/api/transcripts/{other}/messages?speaker=bot&content=Not%20yours")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/calls/{call}/status?status=in_progress")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/transcripts/{call}/messages?speaker=bot&content=Yours")).Expect(HttpStatusCode.OK);

        var frame = await socket.NextAsync();
        Assert.Equal("message:new", Type(frame));
        Assert.Equal("Yours", frame["data"]!["content"]!.GetValue<string>());
    }
}
