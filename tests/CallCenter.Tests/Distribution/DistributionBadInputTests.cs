using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Distribution;

/// <summary>Refused moves: a ProblemDetails naming the field, and nothing changed.</summary>
[Collection(AcdCollection.Name)]
public sealed class DistributionBadInputTests(AcdFixture fixture) : AcdTest(fixture)
{
    [Fact]
    public async Task AnOfferIsAnsweredOnlyByItsAgentWhileItRings()
    {
        await using var socket = await LiveSocket.ConnectAsync(Fixture.App);
        await Floor.MakeAvailableAsync("AGT-001");
        var callId = await Floor.QueueCallAsync("support");
        await AcdFloor.OfferOfAsync(socket, callId);

        (await Api.PostAsync($"/api/calls/{callId}/accept", new { agent_id = "AGT-002" })).ExpectProblem(HttpStatusCode.Conflict, "agent_id");
        (await Api.PostAsync($"/api/calls/{callId}/decline", new { agent_id = "AGT-002" })).ExpectProblem(HttpStatusCode.Conflict, "agent_id");
        var call = await Floor.CallAsync(callId);
        Assert.Equal(("ringing", "AGT-001"), (call.Text("status"), call.Text("agent_id")));
        Assert.Equal("ringing", (await Floor.AgentAsync("AGT-001")).Text("activity"));

        // Once the offer has rung out it can no longer be accepted.
        await AcdFloor.ActivityAsync(socket, "AGT-001", "missed");
        (await Api.PostAsync($"/api/calls/{callId}/accept", new { agent_id = "AGT-001" })).ExpectProblem(HttpStatusCode.Conflict, "call_id");
        Assert.Equal("queued", (await Floor.CallAsync(callId)).Text("status"));
    }

    [Fact]
    public async Task CallbacksDispositionsAndActivitiesRefuseWhatTheFloorDoesNotAllow()
    {
        var callId = await Floor.QueueCallAsync("support");
        (await Api.PostAsync($"/api/calls/{callId}/disposition", new { code = "resolved" })).ExpectProblem(HttpStatusCode.Conflict, "call_id");
        (await Api.PostAsync($"/api/calls/{callId}/disposition", new { code = "made_up" })).ExpectProblem(HttpStatusCode.BadRequest, "code");
        (await Api.PostAsync($"/api/calls/{callId}/end")).Expect(HttpStatusCode.OK);
        (await Api.PostAsync($"/api/calls/{callId}/callback", new { })).ExpectProblem(HttpStatusCode.Conflict, "call_id");
        Assert.Null((await Floor.CallAsync(callId))["callback"]);

        (await Api.PatchAsync("/api/agents/AGT-001/activity", new { activity = "on_break", reason = "nap" })).ExpectProblem(HttpStatusCode.BadRequest, "reason");
        (await Api.PatchAsync("/api/agents/AGT-001/activity", new { activity = "on_break" })).ExpectProblem(HttpStatusCode.BadRequest, "reason");
        (await Api.PatchAsync("/api/agents/AGT-001/activity", new { activity = "wrap_up" })).ExpectProblem(HttpStatusCode.Conflict, "activity");
        (await Api.PatchAsync("/api/agents/AGT-001/activity", new { activity = "asleep" })).ExpectProblem(HttpStatusCode.BadRequest, "activity");
        Assert.Equal("offline", (await Floor.AgentAsync("AGT-001")).Text("activity"));

        (await Api.PatchAsync("/api/agents/AGT-001/activity", new { activity = "on_break", reason = "training" })).Expect(HttpStatusCode.OK);
        var onBreak = await Floor.AgentAsync("AGT-001");
        Assert.Equal(("on_break", "training", "on_break"), (onBreak.Text("activity"), onBreak.Text("break_reason"), onBreak.Text("status")));
        (await Api.PostAsync($"/api/calls/{await Floor.QueueCallAsync("sales")}/assign", new { agent_id = "AGT-001" })).ExpectProblem(HttpStatusCode.Conflict, "agent_id");
    }
}
