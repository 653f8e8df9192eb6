using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

/// <summary>
/// Every mutation writes exactly its seed event, with the seed's data fields, in the same transaction; besides it only
/// the changes of the agent it put on or took off a call (their activity, and their status when it moved), and for a
/// transfer to an available agent the offer that rings on their desk (call:offered with its call:updated).
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class OutboxTests(CallCenterFixture fixture)
{
    private async Task<StoredEvent> SingleEventOfAsync(Func<Task> mutation, string expectedType)
    {
        var log = await fixture.EventLogAsync();
        var before = await log.LastIdAsync();

        await mutation();

        var written = await log.AfterAsync(before);
        Assert.Equal(Enumerable.Range(1, written.Count).Select(offset => before + offset), written.Select(stored => stored.Id));
        var single = Assert.Single(written, stored => stored.Type == expectedType);
        var extra = written.Where(stored => stored != single).ToList();
        var offered = extra.Any(stored => stored.Type == "call:offered");
        Assert.All(extra, stored => Assert.True(
            stored.Type.StartsWith("agent:", StringComparison.Ordinal) || stored.Type == "call:offered" || (offered && stored.Type == "call:updated"),
            $"{expectedType} also wrote {stored.Type}"));
        return single;
    }

    [Fact]
    public async Task EachMutationWritesExactlyItsEvent()
    {
        using var api = fixture.CreateApiClient();
        string call = "";

        var callNew = await SingleEventOfAsync(async () =>
            call = (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}&customer_name=Ahmed")).Expect(HttpStatusCode.OK).Str("call_id"),
            "call:new");
        Assert.Equal(call, callNew.Data.Text("call_id"));
        Assert.Equal("Ahmed", callNew.Data.Text("customer_name"));

        var routed = await SingleEventOfAsync(async () => (await api.PostAsync($"/api/calls/{call}/route?department=sales")).Expect(HttpStatusCode.OK), "call:routed");
        Assert.Equal("sales", routed.Data.Text("department"));

        var updated = await SingleEventOfAsync(async () => (await api.PostAsync($"/api/calls/{call}/status?status=in_progress&agent_id=AGT-004")).Expect(HttpStatusCode.OK), "call:updated");
        Assert.Equal("in_progress", updated.Data.Text("status"));
        Assert.Equal(call, updated.Data.Text("call_id"));

        var message = await SingleEventOfAsync(async () => (await api.PostAsync($"/api/transcripts/{call}/messages?speaker=customer&content=Hello&language=en")).Expect(HttpStatusCode.OK), "message:new");
        Assert.Equal(call, message.Data.Text("call_id"));
        Assert.Equal("customer", message.Data.Text("speaker"));
        Assert.Equal("Hello", message.Data.Text("content"));

        var transferred = await SingleEventOfAsync(async () => (await api.PostAsync($"/api/calls/{call}/transfer?target_department=complaints&agent_id=AGT-003")).Expect(HttpStatusCode.OK), "call:transferred");
        Assert.Equal("complaints", transferred.Data.Text("to_department"));
        Assert.Equal("AGT-003", transferred.Data.Text("to_agent"));

        var ended = await SingleEventOfAsync(async () => (await api.PostAsync($"/api/calls/{call}/end")).Expect(HttpStatusCode.OK), "call:ended");
        Assert.Equal(call, ended.Data.Text("call_id"));
        Assert.True(ended.Data.Value<int>("duration") >= 0);

        string ticket = "";
        var created = await SingleEventOfAsync(async () =>
            ticket = (await api.PostAsync("/api/tickets?customer_name=Ahmed&subject=Refund")).Expect(HttpStatusCode.OK).Str("ticket_id"),
            "ticket:created");
        Assert.Equal(ticket, created.Data.Text("ticket_id"));
        Assert.Equal("Ahmed", created.Data.Text("customer_name"));

        var ticketUpdated = await SingleEventOfAsync(async () => (await api.PatchAsync($"/api/tickets/{ticket}?status=resolved&notes=Done")).Expect(HttpStatusCode.OK), "ticket:updated");
        Assert.Equal(ticket, ticketUpdated.Data.Text("ticket_id"));
        Assert.Equal("resolved", ticketUpdated.Data.Text("status"));

        var agent = await SingleEventOfAsync(async () => (await api.PatchAsync("/api/agents/AGT-005/status?status=available")).Expect(HttpStatusCode.OK), "agent:status_changed");
        Assert.Equal("AGT-005", agent.Data.Text("agent_id"));
        Assert.Equal("available", agent.Data.Text("status"));
    }

    [Fact]
    public async Task RefusedMutationWritesNoEvent()
    {
        using var api = fixture.CreateApiClient();
        var log = await fixture.EventLogAsync();
        var call = (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}")).Expect(HttpStatusCode.OK).Str("call_id");
        (await api.PostAsync($"/api/calls/{call}/end")).Expect(HttpStatusCode.OK);
        var before = await log.LastIdAsync();

        (await api.PostAsync($"/api/calls/{call}/end")).ExpectProblem(HttpStatusCode.Conflict);
        (await api.PostAsync($"/api/calls/{call}/route?department=sales")).ExpectProblem(HttpStatusCode.Conflict);

        Assert.Empty(await log.AfterAsync(before));
    }
}
