using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CallCenter.Tests.Infrastructure;
using CallCenter.Tests.Security;

namespace CallCenter.Tests.Distribution;

/// <summary>
/// Issue 13's figures from the stored history, on the distributing floor. Sales picks by hand, so no offer is made
/// that the test did not make; the floor is quiet before each test, so the department's counts move only by the
/// test's own calls and are checked as exact differences.
/// </summary>
[Collection(AcdCollection.Name)]
public sealed class StatsTests(AcdFixture fixture) : AcdTest(fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly string[] Counts = ["offered", "answered", "answered_within_threshold", "abandoned", "short_abandoned"];

    [Fact]
    public async Task CallsAnsweredAndAbandonedMoveTheDepartmentsFiguresExactly()
    {
        // Counted over a fixed hour of quarters rather than "today", which the center's midnight could cut in two.
        var server = (await NowAsync("sales")).Value<DateTime>("now");
        var hour = $"/api/stats/intervals?from={Iso(server.AddMinutes(-15))}&to={Iso(server.AddMinutes(45))}&interval=15m&department=sales";
        var before = await CountsOverAsync(hour);
        await Floor.MakeAvailableAsync("AGT-004", "AGT-005");

        var quick = await Floor.QueueCallAsync("sales");
        await AnswerAsync(quick, "AGT-004");
        var brief = await Floor.QueueCallAsync("sales");
        (await Api.PostAsync($"/api/calls/{brief}/end")).Expect(HttpStatusCode.OK);

        // Both wait past T and past a short abandon before one is answered and the other hangs up.
        var slow = await Floor.QueueCallAsync("sales");
        var patient = await Floor.QueueCallAsync("sales");
        await WaitedAsync(patient, AcdFloor.SalesServiceLevelSeconds + 1);
        await AnswerAsync(slow, "AGT-005");
        (await Api.PostAsync($"/api/calls/{patient}/end")).Expect(HttpStatusCode.OK);
        (await Api.PostAsync($"/api/calls/{quick}/end")).Expect(HttpStatusCode.OK);
        (await Api.PostAsync($"/api/calls/{slow}/end")).Expect(HttpStatusCode.OK);

        // What each call waited, as stored: answered at the accept, abandoned at the hang-up.
        var answeredWaits = new[] { await WaitOfAsync(quick, "answered_at"), await WaitOfAsync(slow, "answered_at") };
        var abandonedWaits = new[] { await WaitOfAsync(brief, "ended_at"), await WaitOfAsync(patient, "ended_at") };
        Assert.True(answeredWaits[1] > TimeSpan.FromSeconds(AcdFloor.SalesServiceLevelSeconds));
        Assert.True(abandonedWaits[1] >= TimeSpan.FromSeconds(AcdFloor.ShortAbandonSeconds));
        var expected = new Dictionary<string, int>
        {
            ["offered"] = 4,
            ["answered"] = 2,
            ["answered_within_threshold"] = answeredWaits.Count(wait => wait <= TimeSpan.FromSeconds(AcdFloor.SalesServiceLevelSeconds)),
            ["abandoned"] = 2,
            ["short_abandoned"] = abandonedWaits.Count(wait => wait < TimeSpan.FromSeconds(AcdFloor.ShortAbandonSeconds)),
        };

        // Both handled once their wrap-up runs out.
        var counted = await EventuallyAsync(() => CountsOverAsync(hour), counts => counts.Value<int>("handled") - before.Value<int>("handled") == 2);
        Assert.Equal(expected, Counts.ToDictionary(count => count, count => counted.Value<int>(count) - before.Value<int>(count)));

        var after = (await NowAsync("sales"))["today"]!;

        var (within, answered, abandoned, shortAbandoned, offered) = (
            after.Value<int>("answered_within_threshold"), after.Value<int>("answered"), after.Value<int>("abandoned"),
            after.Value<int>("short_abandoned"), after.Value<int>("offered"));
        Assert.Equal((double)within / (answered + abandoned - shortAbandoned), after.Value<double>("service_level"), 12);
        Assert.Equal((double)(abandoned - shortAbandoned) / (offered - shortAbandoned), after.Value<double>("abandon_rate"), 12);
        Assert.Equal(AcdFloor.SalesServiceLevelSeconds, after.Value<int>("service_level_seconds"));
        Assert.Equal(0.8, after.Value<double>("service_level_target"));
        Assert.Equal(0, after.Value<int>("calls_waiting"));
        Assert.Null(after["longest_wait_seconds"]);
        Assert.NotNull(after["aht_seconds"]);
    }

    [Fact]
    public async Task IntervalsCoverTheCentersDayAgreeWithNowAndDownloadAsCsv()
    {
        await Floor.MakeAvailableAsync("AGT-004");
        var call = await Floor.QueueCallAsync("sales");
        await AnswerAsync(call, "AGT-004");
        (await Api.PostAsync($"/api/calls/{call}/end")).Expect(HttpStatusCode.OK);

        var now = await NowAsync("sales");
        Assert.Equal(AcdFloor.TimeZone, now.Text("time_zone"));
        var today = now["today"]!;
        var dayStart = today["window"]!.Value<DateTime>("start");
        // Riyadh is UTC+3 all year: its day starts at 21:00 UTC.
        Assert.Equal((21, 0, 0), (dayStart.Hour, dayStart.Minute, dayStart.Second));
        var to = now.Value<DateTime>("now").AddMinutes(1);

        var day = (await Api.GetAsync($"/api/stats/intervals?from={Iso(dayStart)}&to={Iso(to)}&interval=1d&department=sales"))
            .Expect(HttpStatusCode.OK).Json;
        var onlyDay = Assert.Single(day["intervals"].Items());
        Assert.All(Counts, count => Assert.Equal(today.Value<int>(count), onlyDay.Value<int>(count)));
        Assert.Empty(day["agents"].Items());

        var quarters = (await Api.GetAsync(
            $"/api/stats/intervals?from={Iso(dayStart)}&to={Iso(to)}&interval=15m&department=sales&agent_id=AGT-004,AGT-005"))
            .Expect(HttpStatusCode.OK).Json;
        var buckets = quarters["intervals"].Items();
        Assert.Equal(dayStart, buckets[0]["window"]!.Value<DateTime>("start"));
        Assert.All(buckets.Zip(buckets.Skip(1)), pair => Assert.Equal(pair.First["window"]!.Value<DateTime>("end"), pair.Second["window"]!.Value<DateTime>("start")));
        Assert.All(buckets, bucket => Assert.Equal(
            TimeSpan.FromMinutes(15), bucket["window"]!.Value<DateTime>("end") - bucket["window"]!.Value<DateTime>("start")));
        Assert.All(Counts, count => Assert.Equal(today.Value<int>(count), buckets.Sum(bucket => bucket.Value<int>(count))));
        var agents = quarters["agents"].Items();
        Assert.Contains(agents, agent => agent.Text("agent_id") == "AGT-004");
        Assert.All(agents, agent => Assert.Contains(agent.Text("agent_id"), new[] { "AGT-004", "AGT-005" }));

        var query = $"/api/stats/intervals?from={Iso(dayStart)}&to={Iso(to)}&interval=15m&department=sales";
        // Asked by format or by Accept, the same table; occupancy of the current interval moves with the clock.
        foreach (var csv in new[] { await CsvAsync(query + "&format=csv", accept: null), await CsvAsync(query, accept: "text/csv") })
        {
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("start,end,offered,answered,answered_within_threshold,abandoned,short_abandoned,", lines[0], StringComparison.Ordinal);
            Assert.Equal(buckets.Count + 1, lines.Length);
            var offered = Array.IndexOf(lines[0].Split(','), "offered");
            Assert.Equal(
                today.Value<int>("offered"),
                lines.Skip(1).Sum(line => int.Parse(line.Split(',')[offered], System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task BadReportRequestsAreRefusedNamingTheField()
    {
        var cases = new (string Query, string Field)[]
        {
            ("/api/stats/now?department=nowhere", "department"),
            ("/api/stats/intervals?from=2026-01-02T00:00:00Z&to=2026-01-03T00:00:00Z&interval=15m&department=nowhere", "department"),
            ("/api/stats/intervals?from=2026-01-02T00:00:00Z&to=2026-01-03T00:00:00Z&interval=15m&agent_id=AGT-999", "agent_id"),
            ("/api/stats/intervals?from=2026-01-03T00:00:00Z&to=2026-01-02T00:00:00Z&interval=15m", "from"),
            ("/api/stats/intervals?from=2026-01-02T00:00:00Z&to=2026-01-03T00:00:00Z&interval=5m", "interval"),
            ("/api/stats/intervals?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&interval=15m", "to"),
            ("/api/stats/intervals?from=yesterday&to=2026-01-03T00:00:00Z&interval=1h", "from"),
            ("/api/stats/intervals?from=2026-01-02T00:00:00Z&interval=1h", "to"),
            ("/api/stats/intervals?from=2026-01-02T00:00:00Z&to=2026-01-03T00:00:00Z&interval=1h&format=xml", "format"),
        };
        foreach (var (query, field) in cases)
        {
            var refused = (await Api.GetAsync(query)).ExpectProblem(HttpStatusCode.BadRequest, field);
            Assert.True(refused.Json["errors"]?[field] is not null, $"{query}: {refused.Text}");
        }
    }

    [Fact]
    public async Task OnlySupervisorsAndAdminsReadTheStats()
    {
        using var agent = await FloorKeys.ClientAsync(Fixture, "agent", "AGT-004");
        using var integration = await FloorKeys.ClientAsync(Fixture, "integration");
        using var supervisor = await FloorKeys.ClientAsync(Fixture, "supervisor");
        foreach (var path in new[] { "/api/stats/now", "/api/stats/definitions", "/api/stats/intervals?from=2026-01-02&to=2026-01-03&interval=1h" })
        {
            (await agent.GetAsync(path)).ExpectProblem(HttpStatusCode.Forbidden);
            (await integration.GetAsync(path)).ExpectProblem(HttpStatusCode.Forbidden);
            (await supervisor.GetAsync(path)).Expect(HttpStatusCode.OK);
        }

        var definitions = (await supervisor.GetAsync("/api/stats/definitions")).Json;
        Assert.Equal(AcdFloor.ShortAbandonSeconds, definitions.Value<int>("short_abandon_seconds"));
        Assert.Equal(AcdFloor.TimeZone, definitions.Text("time_zone"));
        Assert.Contains(definitions["measures"].Items(), measure => measure.Text("measure") == "service_level"
            && measure.Text("definition") == "Answered within T ÷ (answered + abandoned − short abandons).");
    }

    /// <summary>The counts of a report's intervals added up.</summary>
    private async Task<JsonNode> CountsOverAsync(string report)
    {
        var intervals = (await Api.GetAsync(report)).Expect(HttpStatusCode.OK).Json["intervals"].Items();
        var sums = new JsonObject();
        foreach (var count in Counts.Append("handled"))
        {
            sums[count] = intervals.Sum(interval => interval.Value<int>(count));
        }

        return sums;
    }

    private async Task<JsonNode> NowAsync(string department) =>
        (await Api.GetAsync($"/api/stats/now?department={department}")).Expect(HttpStatusCode.OK).Json;

    /// <summary>A supervisor offers the queued call to the agent, who accepts it.</summary>
    private async Task AnswerAsync(string callId, string agentId)
    {
        (await Api.PostAsync($"/api/calls/{callId}/assign", new { agent_id = agentId })).Expect(HttpStatusCode.OK);
        (await Api.PostAsync($"/api/calls/{callId}/accept", new { agent_id = agentId })).Expect(HttpStatusCode.OK);
    }

    private async Task<TimeSpan> WaitOfAsync(string callId, string leftAt)
    {
        var call = await Floor.CallAsync(callId);
        return call.Value<DateTime>(leftAt) - call.Value<DateTime>("queued_at");
    }

    /// <summary>Until the queue says the call has waited <paramref name="seconds"/> by the server's clock.</summary>
    private Task WaitedAsync(string callId, int seconds) =>
        EventuallyAsync(
            async () => (await Api.GetAsync("/api/calls/queue?department=sales")).Expect(HttpStatusCode.OK).Json["queue"].Items()
                .Single(call => call.Text("call_id") == callId),
            call => call.Value<int>("wait_seconds") >= seconds);

    private static async Task<JsonNode> EventuallyAsync(Func<Task<JsonNode>> read, Func<JsonNode, bool> done)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var node = await read();
            if (done(node))
            {
                return node;
            }

            Assert.False(deadline.IsCancellationRequested, $"Still not there after {Deadline}: {node.ToJsonString()}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private async Task<string> CsvAsync(string pathAndQuery, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using var response = await Api.Http.SendAsync(request).WaitAsync(ApiClient.RequestTimeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Iso(DateTime utc) => Uri.EscapeDataString(utc.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}
