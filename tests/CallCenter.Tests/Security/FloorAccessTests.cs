using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Security;

/// <summary>Object-level rules: an agent works their own department and acts only for themselves.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class FloorAccessTests(CallCenterFixture fixture)
{
    [Fact]
    public async Task AnAgentChangesOnlyTheirOwnStatusDirectlyAndThroughTheWebApp()
    {
        using var layla = await FloorKeys.ClientAsync(fixture, "agent", "AGT-003");
        using var laylaOnWeb = FloorKeys.ActingThroughWeb(fixture, "AGT-003", "agent", "AGT-003");
        using var supervisor = await FloorKeys.ClientAsync(fixture, "supervisor");
        var log = await fixture.EventLogAsync();
        var before = await log.FingerprintAsync();

        (await layla.PatchAsync("/api/agents/AGT-008/status?status=available")).ExpectProblem(HttpStatusCode.Forbidden, "agent_id");
        (await laylaOnWeb.PatchAsync("/api/agents/AGT-008/status?status=available")).ExpectProblem(HttpStatusCode.Forbidden, "agent_id");
        Assert.Equal(before, await log.FingerprintAsync());

        (await layla.PatchAsync("/api/agents/AGT-003/status?status=on_break")).Expect(HttpStatusCode.OK);
        (await laylaOnWeb.PatchAsync("/api/agents/AGT-003/status?status=available")).Expect(HttpStatusCode.OK);
        (await supervisor.PatchAsync("/api/agents/AGT-008/status?status=offline")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnAgentNeitherReadsNorChangesAnotherDepartmentsTicketsOrCalls()
    {
        using var admin = fixture.CreateApiClient();
        using var layla = await FloorKeys.ClientAsync(fixture, "agent", "AGT-003");
        var phone = ApiClient.NewSaudiMobile();
        var support = (await admin.PostAsync($"/api/tickets?customer_name=Huda&customer_phone={Uri.EscapeDataString(phone)}&subject=Router&department=support"))
            .Expect(HttpStatusCode.OK).Str("ticket_id");
        var complaints = (await admin.PostAsync($"/api/tickets?customer_name=Huda&customer_phone={Uri.EscapeDataString(phone)}&subject=Rude%20reply&department=complaints"))
            .Expect(HttpStatusCode.OK).Str("ticket_id");
        var call = (await admin.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(phone)}")).Expect(HttpStatusCode.OK).Str("call_id");
        (await admin.PostAsync($"/api/calls/{call}/route?department=billing")).Expect(HttpStatusCode.OK);
        var log = await fixture.EventLogAsync();
        var before = await log.FingerprintAsync();

        (await layla.GetAsync($"/api/tickets/{support}")).ExpectProblem(HttpStatusCode.Forbidden, "ticket");
        (await layla.PatchAsync($"/api/tickets/{support}?notes=mine%20now")).ExpectProblem(HttpStatusCode.Forbidden, "ticket");
        (await layla.GetAsync("/api/tickets?department=support")).ExpectProblem(HttpStatusCode.Forbidden, "department");
        (await layla.PostAsync($"/api/tickets?customer_name=Huda&subject=x&department=support")).ExpectProblem(HttpStatusCode.Forbidden, "department");
        (await layla.GetAsync($"/api/calls/{call}")).ExpectProblem(HttpStatusCode.Forbidden, "call");
        (await layla.GetAsync($"/api/transcripts/{call}")).ExpectProblem(HttpStatusCode.Forbidden, "call");
        (await layla.PostAsync($"/api/calls/{call}/status?status=ringing&agent_id=AGT-003")).ExpectProblem(HttpStatusCode.Forbidden, "call");
        (await layla.PostAsync($"/api/calls/{call}/transfer?target_department=complaints")).ExpectProblem(HttpStatusCode.Forbidden, "call");
        (await layla.PostAsync($"/api/calls/{call}/end")).ExpectProblem(HttpStatusCode.Forbidden, "call");
        (await layla.PostAsync($"/api/transcripts/{call}/messages?speaker=agent&content=hi")).ExpectProblem(HttpStatusCode.Forbidden, "call");
        (await layla.GetAsync("/api/calls/queue?department=billing")).ExpectProblem(HttpStatusCode.Forbidden, "department");
        Assert.Equal(before, await log.FingerprintAsync());

        // What she may see is her own department's, and only that.
        (await layla.GetAsync($"/api/tickets/{complaints}")).Expect(HttpStatusCode.OK);
        var tickets = (await layla.GetAsync("/api/tickets?limit=200")).Expect(HttpStatusCode.OK).Json["tickets"].Items();
        Assert.NotEmpty(tickets);
        Assert.All(tickets, ticket => Assert.True(ticket.Text("department") == "complaints" || ticket["assigned_to"]?.GetValue<string>() == "AGT-003"));
        var queue = (await layla.GetAsync("/api/calls/queue")).Expect(HttpStatusCode.OK).Json["queue"].Items();
        Assert.DoesNotContain(queue, queued => queued.Text("call_id") == call);
        var customer = (await layla.GetAsync($"/api/tickets/{complaints}")).Str("customer_id");
        var history = (await layla.GetAsync($"/api/customers/{customer}")).Expect(HttpStatusCode.OK);
        var seen = history.Json["tickets"].Items().Select(ticket => ticket.Text("ticket_id")).ToList();
        Assert.Contains(complaints, seen);
        Assert.DoesNotContain(support, seen);
        Assert.DoesNotContain(history.Json["calls"].Items(), seenCall => seenCall.Text("call_id") == call);

        // A transfer into her department makes the call hers to work.
        (await admin.PostAsync($"/api/calls/{call}/transfer?target_department=complaints")).Expect(HttpStatusCode.OK);
        (await layla.PostAsync($"/api/calls/{call}/status?status=ringing&agent_id=AGT-003")).Expect(HttpStatusCode.OK);
        (await layla.PostAsync($"/api/calls/{call}/status?status=in_progress&agent_id=AGT-008")).ExpectProblem(HttpStatusCode.Forbidden, "agent_id");
    }

    [Fact]
    public async Task AnAgentsSocketCarriesOnlyTheirDepartmentsTicketsAndCalls()
    {
        var layla = await FloorKeys.IssueAsync(fixture, "agent", "AGT-003");
        using var admin = fixture.CreateApiClient();
        await using var socket = await LiveSocket.ConnectAsync(
            new UriBuilder(fixture.App.App.GetEndpoint("api", "http")) { Scheme = "ws", Path = "/ws/updates", Query = "topics=tickets,calls" }.Uri,
            options => options.SetRequestHeader("Authorization", $"Bearer {layla.Secret}"));

        var elsewhere = (await admin.PostAsync("/api/tickets?customer_name=Rami&subject=Elsewhere&department=billing")).Expect(HttpStatusCode.OK).Str("ticket_id");
        var call = (await admin.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}")).Expect(HttpStatusCode.OK).Str("call_id");
        (await admin.PostAsync($"/api/calls/{call}/route?department=sales")).Expect(HttpStatusCode.OK);
        var hers = (await admin.PostAsync("/api/tickets?customer_name=Rami&subject=Hers&department=complaints")).Expect(HttpStatusCode.OK).Str("ticket_id");

        var (match, before) = await socket.NextMatchingAsync(frame => frame["data"]?["ticket_id"]?.GetValue<string>() == hers);
        Assert.Equal("ticket:created", match["type"]!.GetValue<string>());
        Assert.DoesNotContain(before, frame => frame["data"]?["ticket_id"]?.GetValue<string>() == elsewhere);
        Assert.DoesNotContain(before, frame => frame["data"]?["call_id"]?.GetValue<string>() == call);
    }

    [Fact]
    public async Task EveryChangeNamesWhoMadeItInTheAuditTrailAndTheTicketHistory()
    {
        var key = await FloorKeys.IssueAsync(fixture, "integration");
        using var ivr = fixture.CreateApiClient(key.Secret);
        using var admin = fixture.CreateApiClient();
        using var omarOnWeb = FloorKeys.ActingThroughWeb(fixture, "AGT-002", "agent", "AGT-002");

        var phone = ApiClient.NewSaudiMobile();
        var call = (await ivr.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(phone)}")).Expect(HttpStatusCode.OK).Str("call_id");
        (await ivr.PostAsync($"/api/calls/{call}/route?department=support")).Expect(HttpStatusCode.OK);
        var ticket = (await omarOnWeb.PostAsync($"/api/tickets?customer_name=Rana&subject=Refund&call_id={call}")).Expect(HttpStatusCode.OK).Str("ticket_id");
        (await omarOnWeb.PatchAsync($"/api/tickets/{ticket}?notes=called%20back")).Expect(HttpStatusCode.OK);

        var trail = (await admin.GetAsync($"/api/audit?subject={call}")).Expect(HttpStatusCode.OK).Json["entries"].Items();
        Assert.Equal(["call:routed", "call:new"], trail.Select(entry => entry.Text("action")));
        Assert.All(trail, entry => Assert.Equal(key.Name, entry.Text("actor")));
        Assert.All(trail, entry => Assert.Equal(key.KeyId, entry.Text("key_id")));
        Assert.All(trail, entry => Assert.Equal("integration", entry.Text("actor_role")));

        var ticketTrail = (await admin.GetAsync($"/api/audit?subject={ticket}&actor={Uri.EscapeDataString("AGT-002 (via web)")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(["ticket:updated", "ticket:created"], ticketTrail.Json["entries"].Items().Select(entry => entry.Text("action")));
        Assert.All(ticketTrail.Json["entries"].Items(), entry => Assert.NotNull(entry["event_id"]));
        var history = (await admin.GetAsync($"/api/tickets/{ticket}")).Expect(HttpStatusCode.OK).Json["history"].Items();
        Assert.All(history, entry => Assert.Equal("AGT-002 (via web)", entry.Text("author")));
        // Omar, an agent in support, filed it under his own department without naming one.
        Assert.Equal("support", (await admin.GetAsync($"/api/tickets/{ticket}")).Str("department"));
    }
}
