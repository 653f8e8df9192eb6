using System.Net;
using CallCenter.Tests.Infrastructure;
using Npgsql;

namespace CallCenter.Tests.Distribution;

/// <summary>Calls offered by the floor itself, end to end on the real AppHost (two API replicas, PostgreSQL, Redis).</summary>
[Collection(AcdCollection.Name)]
public sealed class DistributionTests(AcdFixture fixture) : AcdTest(fixture)
{
    [Fact]
    public async Task ACallRingsOnTheLongestIdleAgentRollsToTheNextOnNoAnswerAndTheAgentWrapsUpAfter()
    {
        await using var socket = await LiveSocket.ConnectAsync(Fixture.App);
        await Floor.MakeAvailableAsync("AGT-002", "AGT-001");
        var callId = await Floor.QueueCallAsync("support");
        var queuedAt = (await Floor.CallAsync(callId)).Value<DateTime>("queued_at");

        // AGT-002 has waited longest: the call rings there, with its expiry.
        var first = await AcdFloor.OfferOfAsync(socket, callId);
        Assert.Equal("AGT-002", first.Text("agent_id"));
        Assert.Equal(TimeSpan.FromSeconds(AcdFloor.RingTimeoutSeconds), first.Value<DateTime>("expires_at") - first.Value<DateTime>("offered_at"));
        var ringing = await Floor.CallAsync(callId);
        Assert.Equal(("ringing", "AGT-002"), (ringing.Text("status"), ringing.Text("agent_id")));

        // No answer: the call rolls to AGT-001 once the offer runs out, keeping its place; AGT-002 is missed.
        var second = await AcdFloor.OfferOfAsync(socket, callId);
        Assert.Equal("AGT-001", second.Text("agent_id"));
        Assert.True(second.Value<DateTime>("offered_at") >= first.Value<DateTime>("expires_at"));
        Assert.Equal(queuedAt, (await Floor.CallAsync(callId)).Value<DateTime>("queued_at"));
        var missed = await Floor.AgentAsync("AGT-002");
        Assert.Equal(("missed", "on_break"), (missed.Text("activity"), missed.Text("status")));

        (await Api.PostAsync($"/api/calls/{callId}/accept", new { agent_id = "AGT-001" })).Expect(HttpStatusCode.OK);
        Assert.Equal("in_progress", (await Floor.CallAsync(callId)).Text("status"));
        Assert.Equal("on_call", (await Floor.AgentAsync("AGT-001")).Text("activity"));

        // After the call: wrap-up, a disposition, then available by itself when the wrap-up runs out.
        (await Api.PostAsync($"/api/calls/{callId}/end")).Expect(HttpStatusCode.OK);
        var wrapUp = await AcdFloor.ActivityAsync(socket, "AGT-001", "wrap_up");
        Assert.Equal(TimeSpan.FromSeconds(AcdFloor.WrapUpSeconds), wrapUp.Value<DateTime>("wrap_up_ends_at") - wrapUp.Value<DateTime>("activity_since"));
        (await Api.PostAsync($"/api/calls/{callId}/disposition", new { code = "resolved" })).Expect(HttpStatusCode.OK);
        var available = await AcdFloor.ActivityAsync(socket, "AGT-001", "available");
        Assert.Equal(wrapUp.Value<DateTime>("wrap_up_ends_at"), available.Value<DateTime>("activity_since"));
        Assert.Equal("resolved", (await Floor.CallAsync(callId)).Text("disposition"));

        // Every activity was kept with its start and end, each ending where the next begins.
        var history = await ActivitiesAsync("AGT-001", since: queuedAt);
        Assert.Equal(["ringing", "on_call", "wrap_up", "available"], history.Select(row => row.Activity));
        Assert.All(history.Zip(history.Skip(1)), pair => Assert.Equal(pair.Second.StartedAt, pair.First.EndedAt));
        Assert.Null(history[^1].EndedAt);
    }

    [Fact]
    public async Task ADeclinedCallGoesBackToItsOwnPlaceAheadOfLaterCallsAndTheAgentGetsNoMoreOffers()
    {
        await using var socket = await LiveSocket.ConnectAsync(Fixture.App);
        await Floor.MakeAvailableAsync("AGT-001");
        var first = await Floor.QueueCallAsync("support");
        Assert.Equal("AGT-001", (await AcdFloor.OfferOfAsync(socket, first)).Text("agent_id"));
        var later = await Floor.QueueCallAsync("support", priority: "medium");

        (await Api.PostAsync($"/api/calls/{first}/decline", new { agent_id = "AGT-001" })).Expect(HttpStatusCode.OK);
        var queue = (await Api.GetAsync("/api/calls/queue?department=support")).Expect(HttpStatusCode.OK).Json["queue"].Items();
        Assert.Equal([first, later], queue.Select(call => call.Text("call_id")));
        Assert.Equal("missed", (await Floor.AgentAsync("AGT-001")).Text("activity"));

        // The next agent to become ready gets the call that was first in line.
        await Floor.MakeAvailableAsync("AGT-002");
        Assert.Equal("AGT-002", (await AcdFloor.OfferOfAsync(socket, first)).Text("agent_id"));
        Assert.Equal("queued", (await Floor.CallAsync(later)).Text("status"));
    }

    [Fact]
    public async Task OnlyAnAgentWhoSpeaksTheCallersLanguageIsOfferedIt()
    {
        await using var socket = await LiveSocket.ConnectAsync(Fixture.App);
        // AGT-008 (Arabic only) has waited longer than AGT-003 (Arabic and English).
        await Floor.MakeAvailableAsync("AGT-008", "AGT-003");
        var english = await Floor.QueueCallAsync("complaints", language: "en");
        Assert.Equal("AGT-003", (await AcdFloor.OfferOfAsync(socket, english)).Text("agent_id"));
        var arabic = await Floor.QueueCallAsync("complaints", language: "ar");
        Assert.Equal("AGT-008", (await AcdFloor.OfferOfAsync(socket, arabic)).Text("agent_id"));
    }

    [Fact]
    public async Task ACallAskingForASkillGoesToWhoeverHoldsItTheMostProficientFirstWhereItsDepartmentAsks()
    {
        await using var socket = await LiveSocket.ConnectAsync(Fixture.App);
        try
        {
            (await Api.SendAsync(HttpMethod.Put, "/api/agents/AGT-001/skills", new { skills = new Dictionary<string, int> { ["vip"] = 2 } }, newConnection: false)).Expect(HttpStatusCode.OK);
            var expert = (await Api.SendAsync(HttpMethod.Put, "/api/agents/AGT-002/skills", new { skills = new Dictionary<string, int> { ["vip"] = 5 } }, newConnection: false))
                .Expect(HttpStatusCode.OK);
            Assert.Equal(5, expert.Json["agent"]!["skills"]!.Value<int>("vip"));
            (await Api.SendAsync(HttpMethod.Put, "/api/agents/AGT-002/skills", new { skills = new Dictionary<string, int> { ["vip"] = 9 } }, newConnection: false))
                .ExpectProblem(HttpStatusCode.BadRequest, "skills");

            // Billing orders by proficiency: the level-5 support agent is offered before the one idle longer.
            await Floor.MakeAvailableAsync("AGT-001", "AGT-002");
            var vip = await Floor.QueueCallAsync("billing", skill: "vip");
            Assert.Equal("AGT-002", (await AcdFloor.OfferOfAsync(socket, vip)).Text("agent_id"));
            Assert.Equal("vip", (await Floor.CallAsync(vip)).Text("skill"));
        }
        finally
        {
            foreach (var agent in new[] { "AGT-001", "AGT-002" })
            {
                await Api.SendAsync(HttpMethod.Put, $"/api/agents/{agent}/skills", new { skills = new Dictionary<string, int>() }, newConnection: false);
            }
        }
    }

    [Fact]
    public async Task AWaitingCallOverflowsToItsFallbackDepartmentAfterTheDelayAndAManualDepartmentIsLeftToPick()
    {
        await using var socket = await LiveSocket.ConnectAsync(Fixture.App);
        await Floor.MakeAvailableAsync("AGT-004", "AGT-001");
        var manual = await Floor.QueueCallAsync("sales");
        var complaint = await Floor.QueueCallAsync("complaints");

        // No complaints agent is ready: after the overflow delay the support agent is offered the call.
        var offer = await AcdFloor.OfferOfAsync(socket, complaint);
        Assert.Equal("AGT-001", offer.Text("agent_id"));
        var queuedAt = (await Floor.CallAsync(complaint)).Value<DateTime>("queued_at");
        Assert.True(offer.Value<DateTime>("offered_at") - queuedAt >= TimeSpan.FromSeconds(AcdFloor.OverflowAfterSeconds));

        // Sales picks by hand: its call waited through those passes next to a ready sales agent.
        Assert.Equal("queued", (await Floor.CallAsync(manual)).Text("status"));
        (await Api.PostAsync($"/api/calls/{manual}/status", new { status = "in_progress", agent_id = "AGT-004" })).Expect(HttpStatusCode.OK);
        Assert.Equal(("on_call", manual), ((await Floor.AgentAsync("AGT-004")).Text("activity"), (await Floor.AgentAsync("AGT-004")).Text("call_id")));
    }

    [Fact]
    public async Task ASupervisorAssignsAQueuedCallToANamedAgentWhereCallsArePickedByHand()
    {
        await using var socket = await LiveSocket.ConnectAsync(Fixture.App);
        await Floor.MakeAvailableAsync("AGT-004");
        var callId = await Floor.QueueCallAsync("sales");
        var assigned = (await Api.PostAsync($"/api/calls/{callId}/assign", new { agent_id = "AGT-004" })).Expect(HttpStatusCode.OK);
        Assert.Equal(("ringing", "AGT-004"), (assigned.Str("call.status"), assigned.Str("call.agent_id")));
        Assert.Equal("AGT-004", (await AcdFloor.OfferOfAsync(socket, callId)).Text("agent_id"));
        (await Api.PostAsync($"/api/calls/{callId}/accept", new { agent_id = "AGT-004" })).Expect(HttpStatusCode.OK);
        Assert.Equal("on_call", (await Floor.AgentAsync("AGT-004")).Text("activity"));
    }

    [Fact]
    public async Task ACallerWhoAsksForACallbackKeepsTheirPlaceAndIsTriedAgainWhenNotReached()
    {
        await using var socket = await LiveSocket.ConnectAsync(Fixture.App);
        var callId = await Floor.QueueCallAsync("support");
        var queuedAt = (await Floor.CallAsync(callId)).Value<DateTime>("queued_at");
        var number = ApiClient.NewSaudiMobile();
        var notBefore = DateTime.UtcNow.AddSeconds(2);
        var asked = (await Api.PostAsync($"/api/calls/{callId}/callback", new { phone_number = number, not_before = notBefore })).Expect(HttpStatusCode.OK);
        Assert.Equal(("queued", number), (asked.Str("call.status"), asked.Str("call.callback.phone_number")));

        // A ready agent is not offered the callback before its time; then it is, with the number to call.
        await Floor.MakeAvailableAsync("AGT-001");
        var offer = await AcdFloor.OfferOfAsync(socket, callId);
        Assert.True(offer.Value<DateTime>("offered_at") >= notBefore.AddMilliseconds(-1));
        Assert.Equal((number, true, "AGT-001"), (offer.Text("phone_number"), offer.Value<bool>("callback"), offer.Text("agent_id")));
        var answered = (await Api.PostAsync($"/api/calls/{callId}/accept", new { agent_id = "AGT-001" })).Expect(HttpStatusCode.OK);
        Assert.Equal(1, answered.Json["call"]!["callback"]!.Value<int>("attempts"));

        // Not reached: it waits again, in its own place, until the retry delay.
        var retry = (await Api.PostAsync($"/api/calls/{callId}/callback/not-reached")).Expect(HttpStatusCode.OK);
        Assert.Equal(("queued", queuedAt), (retry.Str("call.status"), retry.Json["call"]!.Value<DateTime>("queued_at")));
        Assert.True(retry.Json["call"]!["callback"]!.Value<DateTime>("not_before") > DateTime.UtcNow);
        Assert.Equal("wrap_up", (await Floor.AgentAsync("AGT-001")).Text("activity"));
    }

    private async Task<IReadOnlyList<ActivityRow>> ActivitiesAsync(string agentId, DateTime since)
    {
        await using var connection = new NpgsqlConnection(await Fixture.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT activity, started_at, ended_at FROM agent_activities WHERE agent_id = @agentId AND started_at > @since ORDER BY activity_row",
            connection);
        command.Parameters.AddWithValue("agentId", agentId);
        command.Parameters.AddWithValue("since", since);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<ActivityRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new ActivityRow(reader.GetString(0), reader.GetDateTime(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2)));
        }

        return rows;
    }

    private sealed record ActivityRow(string Activity, DateTime StartedAt, DateTime? EndedAt);
}
