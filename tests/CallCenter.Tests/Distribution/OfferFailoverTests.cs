using System.Net;
using System.Text.Json.Nodes;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Distribution;

/// <summary>The replica that made an offer dies: the offer's timer lives in PostgreSQL, so another replica settles it.</summary>
[Collection(AcdCollection.Name)]
public sealed class OfferFailoverTests(AcdFixture fixture) : AcdTest(fixture)
{
    private static readonly TimeSpan ReplacedDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AnOfferWhoseReplicaWasKilledStillRingsOutAndTheCallIsOfferedAgainWithinTwoRingTimeouts()
    {
        long offeredId;
        JsonNode offer;
        await using (var watching = await LiveSocket.ConnectAsync(Fixture.App))
        {
            await Floor.MakeAvailableAsync("AGT-002", "AGT-001");
            var callId = await Floor.QueueCallAsync("support");
            var (frame, _) = await watching.NextMatchingAsync(f => AcdFloor.Is(f, "call:offered") && f["data"]!.Text("call_id") == callId);
            (offeredId, offer) = (frame["id"]!.GetValue<long>(), frame["data"]!);
        }

        var decidedBy = offer.Text("decided_by");
        var killedAt = DateTime.UtcNow;
        ServerProcesses.KillService(Fixture.App, decidedBy);

        // From the replica still standing: the offer runs out and the call is offered to the next agent.
        await using var socket = await LiveSocket.ConnectToReplicaAsync(Fixture.App, servedBy => servedBy != decidedBy, $"?last_event_id={offeredId}");
        var again = await AcdFloor.OfferOfAsync(socket, offer.Text("call_id"));
        Assert.Equal("AGT-001", again.Text("agent_id"));
        var bound = offer.Value<DateTime>("offered_at") + TimeSpan.FromSeconds(2 * AcdFloor.RingTimeoutSeconds);
        Assert.True(again.Value<DateTime>("offered_at") <= bound, $"Offered again at {again.Value<DateTime>("offered_at"):O}, after {bound:O}.");
        Assert.Equal("missed", (await Floor.AgentAsync("AGT-002")).Text("activity"));

        // Accepted while the new offer rings: the killed replica's restart may take longer than a ring.
        (await Api.SendAsync(HttpMethod.Post, $"/api/calls/{offer.Text("call_id")}/accept", new { agent_id = "AGT-001" }, newConnection: true))
            .Expect(HttpStatusCode.OK);
        await ServerProcesses.WaitUntilReplacedAsync(Fixture.App, decidedBy, killedAt, ReplacedDeadline);
    }
}
