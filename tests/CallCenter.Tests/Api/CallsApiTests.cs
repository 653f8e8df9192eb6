using System.Net;
using System.Text.RegularExpressions;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

[Collection(CallCenterCollection.Name)]
public sealed partial class CallsApiTests(CallCenterFixture fixture)
{
    [GeneratedRegex("^CALL-[0-9A-F]{8,}$")]
    private static partial Regex CallId();

    private async Task<string> StartCallAsync(ApiClient api, string? phone = null, string priority = "medium")
    {
        var started = await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(phone ?? ApiClient.NewSaudiMobile())}&customer_name=Test%20Caller&priority={priority}");
        return started.Expect(HttpStatusCode.OK).Str("call_id");
    }

    [Fact]
    public async Task StartCallAnswersAsTheSeedShows()
    {
        using var api = fixture.CreateApiClient();
        var phone = ApiClient.NewSaudiMobile();

        var started = (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(phone)}&customer_name=John%20Doe")).Expect(HttpStatusCode.OK);

        Assert.True(started.Json["success"]!.GetValue<bool>());
        Assert.Matches(CallId(), started.Str("call_id"));
        Assert.Equal(started.Str("call_id"), started.Str("call.call_id"));
        Assert.Equal("initiated", started.Str("call.status"));
        Assert.Equal(phone, started.Str("call.phone_number"));
        Assert.Equal("John Doe", started.Str("call.customer_name"));
        Assert.True(DateTime.TryParse(started.Str("call.started_at"), out _));
    }

    [Fact]
    public async Task StartCallWithLocalNumberStoresE164AndLinksKnownCustomer()
    {
        using var api = fixture.CreateApiClient();
        var phone = ApiClient.NewSaudiMobile();
        var local = "0" + phone["+966".Length..];

        var first = (await api.PostAsync($"/api/calls?phone_number={local}&customer_name=Mona")).Expect(HttpStatusCode.OK);
        var second = (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(phone)}")).Expect(HttpStatusCode.OK);

        Assert.Equal(phone, first.Str("call.phone_number"));
        Assert.Equal(first.Str("call.customer_id"), second.Str("call.customer_id"));
        Assert.Equal("Mona", second.Str("call.customer_name"));
        Assert.Matches("^CUST-[0-9]{3,}$", first.Str("call.customer_id"));
    }

    [Fact]
    public async Task ListCallsShowsActiveByDefaultAndFiltersByStatus()
    {
        using var api = fixture.CreateApiClient();
        var active = await StartCallAsync(api);
        var ended = await StartCallAsync(api);
        (await api.PostAsync($"/api/calls/{ended}/end")).Expect(HttpStatusCode.OK);

        var list = (await api.GetAsync("/api/calls?limit=200")).Expect(HttpStatusCode.OK);
        var endedList = (await api.GetAsync("/api/calls?status=ended&limit=200")).Expect(HttpStatusCode.OK);

        var activeIds = list.Json["calls"].Items().Select(c => c.Text("call_id")).ToList();
        Assert.Contains(active, activeIds);
        Assert.DoesNotContain(ended, activeIds);
        Assert.Contains(ended, endedList.Json["calls"].Items().Select(c => c.Text("call_id")));
        Assert.All(endedList.Json["calls"].Items(), c => Assert.Equal("ended", c.Text("status")));
        Assert.True(list.Json.Value<int>("total") >= 1);
        Assert.Equal(200, list.Json.Value<int>("limit"));
        Assert.Equal(0, list.Json.Value<int>("offset"));
    }

    [Fact]
    public async Task ChangeStatusFollowsTheStateMachine()
    {
        using var api = fixture.CreateApiClient();
        var call = await StartCallAsync(api);

        (await api.PostAsync($"/api/calls/{call}/status?status=ringing&agent_id=AGT-001")).Expect(HttpStatusCode.OK);
        var answered = (await api.PostAsync($"/api/calls/{call}/status?status=in_progress")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/calls/{call}/status?status=on_hold")).Expect(HttpStatusCode.OK);
        var resumed = (await api.PostAsync($"/api/calls/{call}/status?status=in_progress")).Expect(HttpStatusCode.OK);

        Assert.Equal("in_progress", resumed.Str("call.status"));
        Assert.Equal("AGT-001", resumed.Str("call.agent_id"));
        Assert.Equal(answered.Str("call.answered_at"), resumed.Str("call.answered_at"));
    }

    [Fact]
    public async Task ChangeStatusImpossibleMoveIsConflictAndChangesNothing()
    {
        using var api = fixture.CreateApiClient();
        var call = await StartCallAsync(api);
        (await api.PostAsync($"/api/calls/{call}/status?status=queued")).Expect(HttpStatusCode.OK);
        var before = await (await fixture.EventLogAsync()).CallFingerprintAsync(call);

        (await api.PostAsync($"/api/calls/{call}/status?status=on_hold")).ExpectProblem(HttpStatusCode.Conflict, "status");

        Assert.Equal(before, await (await fixture.EventLogAsync()).CallFingerprintAsync(call));
        Assert.Equal("queued", (await api.GetAsync($"/api/calls/{call}")).Str("status"));
    }

    [Fact]
    public async Task EndCallSetsEndedAtAndDurationAndEndingTwiceIsConflict()
    {
        using var api = fixture.CreateApiClient();
        var call = await StartCallAsync(api);

        var ended = (await api.PostAsync($"/api/calls/{call}/end")).Expect(HttpStatusCode.OK);
        var again = await api.PostAsync($"/api/calls/{call}/end");

        Assert.Equal("ended", ended.Str("call.status"));
        Assert.NotNull(ended.Node("call.ended_at"));
        Assert.True(ended.Node("call.duration")!.GetValue<int>() >= 0);
        again.ExpectProblem(HttpStatusCode.Conflict, "ended");
        (await api.PostAsync($"/api/calls/{call}/status?status=in_progress")).ExpectProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task RouteQueuesCallAndQueueServesPriorityThenLongestWait()
    {
        using var api = fixture.CreateApiClient();
        var firstMedium = await StartCallAsync(api);
        var secondMedium = await StartCallAsync(api);
        var urgent = await StartCallAsync(api, priority: "urgent");
        foreach (var call in new[] { firstMedium, secondMedium, urgent })
        {
            var routed = (await api.PostAsync($"/api/calls/{call}/route?department=billing")).Expect(HttpStatusCode.OK);
            Assert.Equal("queued", routed.Str("call.status"));
            Assert.Equal("billing", routed.Str("call.department"));
        }

        var queue = (await api.GetAsync("/api/calls/queue?department=billing")).Expect(HttpStatusCode.OK);

        var ours = queue.Json["queue"].Items().Where(c => new[] { firstMedium, secondMedium, urgent }.Contains(c.Text("call_id"))).ToList();
        Assert.Equal([urgent, firstMedium, secondMedium], ours.Select(c => c.Text("call_id")));
        var positions = queue.Json["queue"].Items().Select(c => c.Value<int>("position")).ToList();
        Assert.Equal(Enumerable.Range(1, positions.Count), positions);
        Assert.All(queue.Json["queue"].Items(), c => Assert.True(c.Value<int>("wait_seconds") >= 0));
        Assert.All(queue.Json["queue"].Items(), c => Assert.Equal("billing", c.Text("department")));
    }

    [Fact]
    public async Task TransferToAgentRingsThemAndIsRecorded()
    {
        using var api = fixture.CreateApiClient();
        var call = await StartCallAsync(api);
        (await api.PostAsync($"/api/calls/{call}/route?department=sales")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/calls/{call}/status?status=in_progress&agent_id=AGT-004")).Expect(HttpStatusCode.OK);

        var transferred = (await api.PostAsync($"/api/calls/{call}/transfer?target_department=complaints&agent_id=AGT-003")).Expect(HttpStatusCode.OK);
        var detail = (await api.GetAsync($"/api/calls/{call}")).Expect(HttpStatusCode.OK);

        Assert.Equal("ringing", transferred.Str("call.status"));
        Assert.Equal("complaints", transferred.Str("call.department"));
        Assert.Equal("AGT-003", transferred.Str("call.agent_id"));
        var transfer = Assert.Single(detail.Json["transfers"].Items());
        Assert.Equal("sales", transfer.Text("from_department"));
        Assert.Equal("complaints", transfer.Text("to_department"));
        Assert.Equal("AGT-004", transfer.Text("from_agent"));
        Assert.Equal("AGT-003", transfer.Text("to_agent"));
        Assert.NotNull(transfer["transferred_at"]);
    }

    [Fact]
    public async Task TransferToDepartmentOnlyQueuesTheCall()
    {
        using var api = fixture.CreateApiClient();
        var call = await StartCallAsync(api);
        (await api.PostAsync($"/api/calls/{call}/status?status=in_progress")).Expect(HttpStatusCode.OK);

        var transferred = (await api.PostAsync($"/api/calls/{call}/transfer?target_department=billing")).Expect(HttpStatusCode.OK);

        Assert.Equal("queued", transferred.Str("call.status"));
        Assert.Null(transferred.Node("call.agent_id"));
        Assert.Contains(call, (await api.GetAsync("/api/calls/queue?department=billing")).Json["queue"].Items().Select(c => c.Text("call_id")));
    }

    [Theory]
    [InlineData("/api/calls/{0}/transfer?target_department=nowhere", "target_department")]
    [InlineData("/api/calls/{0}/transfer?agent_id=AGT-999", "agent_id")]
    [InlineData("/api/calls/{0}/transfer", "target_department")]
    [InlineData("/api/calls/{0}/route?department=nowhere", "department")]
    [InlineData("/api/calls/{0}/route", "department")]
    [InlineData("/api/calls/{0}/status?status=flying", "status")]
    [InlineData("/api/calls/{0}/status", "status")]
    public async Task BadCallCommandIsBadRequestNamingTheField(string pathFormat, string field)
    {
        using var api = fixture.CreateApiClient();
        var call = await StartCallAsync(api);
        (await api.PostAsync($"/api/calls/{call}/status?status=in_progress")).Expect(HttpStatusCode.OK);
        var before = await (await fixture.EventLogAsync()).CallFingerprintAsync(call);

        (await api.PostAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, call))).ExpectProblem(HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await (await fixture.EventLogAsync()).CallFingerprintAsync(call));
    }

    [Theory]
    [InlineData("GET", "/api/calls/CALL-00000000")]
    [InlineData("POST", "/api/calls/CALL-00000000/end")]
    [InlineData("POST", "/api/calls/CALL-00000000/status?status=ended")]
    [InlineData("POST", "/api/calls/CALL-00000000/route?department=sales")]
    [InlineData("POST", "/api/calls/CALL-00000000/transfer?target_department=sales")]
    public async Task UnknownCallIsNotFound(string method, string path)
    {
        using var api = fixture.CreateApiClient();

        (await api.SendAsync(new HttpMethod(method), path, null)).ExpectProblem(HttpStatusCode.NotFound, "CALL-00000000");
    }

    [Fact]
    public async Task StartCallAcceptsJsonBody()
    {
        using var api = fixture.CreateApiClient();
        var phone = ApiClient.NewSaudiMobile();

        var started = (await api.PostAsync("/api/calls", new { phone_number = phone, customer_name = "Body Client", priority = "high" })).Expect(HttpStatusCode.OK);

        Assert.Equal(phone, started.Str("call.phone_number"));
        Assert.Equal("Body Client", started.Str("call.customer_name"));
        Assert.Equal("high", started.Str("call.priority"));
    }
}
