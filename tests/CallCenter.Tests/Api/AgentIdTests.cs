using System.Net;
using CallCenter.ApiService.Agents;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

/// <summary>
/// A person added at a new desk gets a new agent: AGT-NNN from a sequence, past AGT-999 to AGT-1000, over ids rows
/// already hold (the demo agents, agents added by hand), and never the same one twice.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class AgentIdTests(CallCenterFixture fixture)
{
    private static object NewAgentPerson(string tag) =>
        new { user_name = $"desk-{tag}-{Guid.NewGuid():N}"[..24], display_name = $"Desk {tag}", role = "agent", department = "sales", password = $"pw-{Guid.NewGuid():N}" };

    [Fact]
    public async Task NewDesksAcrossTheThousandthAgentGetAgt998ToAgt1001()
    {
        using var admin = fixture.CreateApiClient();
        var counters = await IdCounters.OfAsync(fixture.App);
        Assert.Equal(998, await counters.MoveAsync(AgentNumber.Sequence, 998));

        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await admin.PostAsync("/api/people", NewAgentPerson($"edge{i}"))).Expect(HttpStatusCode.Created).Str("person.agent_id"));
        }

        Assert.Equal(["AGT-998", "AGT-999", "AGT-1000", "AGT-1001"], ids);
        Assert.Equal("AGT-1000", (await admin.GetAsync("/api/agents/AGT-1000")).Expect(HttpStatusCode.OK).Str("agent_id"));
    }

    [Fact]
    public async Task NewDeskWhoseNextIdAnAgentHoldsGetsTheFollowingOne()
    {
        using var admin = fixture.CreateApiClient();
        var counters = await IdCounters.OfAsync(fixture.App);
        // Past the demo agents, so the planted row is the only one in the way.
        var next = await counters.MoveAsync(AgentNumber.Sequence, 500);
        await counters.PlantAsync(
            "INSERT INTO agents (agent_id, name, department) VALUES (@id, 'Added by hand', 'sales')", ("id", AgentNumber.Format(next)));

        var created = (await admin.PostAsync("/api/people", NewAgentPerson("held"))).Expect(HttpStatusCode.Created);

        Assert.Equal(AgentNumber.Format(next + 1), created.Str("person.agent_id"));
    }

    [Fact]
    public async Task NewDesksAddedConcurrentlyThroughBothReplicasGetDistinctIds()
    {
        using var admin = fixture.CreateApiClient();
        const int Count = 16;

        var responses = await admin.SendConcurrentlyAsync(HttpMethod.Post, Count, _ => "/api/people", i => NewAgentPerson($"c{i}"));

        Assert.All(responses, r => r.Expect(HttpStatusCode.Created));
        Assert.Equal(2, responses.Select(r => r.ServedBy).Distinct().Count());
        var ids = responses.Select(r => r.Str("person.agent_id")).ToList();
        Assert.Equal(Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^AGT-[0-9]{3,}$", id));
    }
}
