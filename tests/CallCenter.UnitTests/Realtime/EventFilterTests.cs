using CallCenter.ApiService.Realtime;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using CsCheck;

namespace CallCenter.UnitTests.Realtime;

/// <summary>What one socket receives: the topics and call it asked for, within an agent's department.</summary>
public sealed class EventFilterTests
{
    private static readonly string[] Types = ["call:updated", "ticket:created", "agent:status", "message:created"];
    private static readonly string[] Departments = ["sales", "billing", "support"];
    private static readonly string[] Agents = ["AG-1", "AG-2"];

    private static readonly Gen<LiveEvent> AnyEvent = Gen.Select(
            Gen.Int[0, Types.Length - 1], Gen.Int[0, Departments.Length], Gen.Int[0, Agents.Length], Gen.Int[0, 2],
        (type, department, agent, call) => RealtimeGen.Event(
            1, Types[type], call == 2 ? null : $"CALL-{call}", department < Departments.Length ? Departments[department] : null,
            agent < Agents.Length ? Agents[agent] : null));

    [Fact]
    public void AnEmptyFilterLetsEverythingThrough() =>
        AnyEvent.Sample(liveEvent => Assert.True(new EventFilter(Topics: null, CallId: null).Matches(liveEvent)));

    [Fact]
    public void TopicsLetThroughExactlyTheirEvents() =>
        AnyEvent.Sample(liveEvent =>
        {
            var filter = new EventFilter(new HashSet<string> { "calls", "agents" }, CallId: null);
            Assert.Equal(liveEvent.Topic is "calls" or "agents", filter.Matches(liveEvent));
        });

    [Fact]
    public void ACallIdLetsThroughThatCallsEventsOnly() =>
        AnyEvent.Sample(liveEvent => Assert.Equal(liveEvent.CallId == "CALL-1", new EventFilter(Topics: null, "CALL-1").Matches(liveEvent)));

    [Fact]
    public void TopicsAndCallIdMustBothMatch()
    {
        var filter = new EventFilter(new HashSet<string> { "messages" }, "CALL-1");

        Assert.True(filter.Matches(RealtimeGen.Event(1, "message:created", callId: "CALL-1")));
        Assert.False(filter.Matches(RealtimeGen.Event(1, "call:updated", callId: "CALL-1")));
        Assert.False(filter.Matches(RealtimeGen.Event(1, "message:created", callId: "CALL-2")));
    }

    [Fact]
    public void AnAgentSeesTheirDepartmentTheAgentsTopicAndTheirOwnEvents() =>
        AnyEvent.Sample(liveEvent =>
        {
            var agent = new EventFilter(Topics: null, CallId: null) { Department = "sales", AgentId = "AG-1" };
            var visible = liveEvent.Topic == "agents" || liveEvent.Department == "sales" || liveEvent.AgentId == "AG-1";
            Assert.Equal(visible, agent.Matches(liveEvent));
        });

    [Theory]
    [InlineData("call:updated", "billing", null, false)]
    [InlineData("ticket:created", "billing", "AG-2", false)]
    [InlineData("message:created", null, null, false)]
    [InlineData("call:updated", "sales", null, true)]
    [InlineData("call:updated", "billing", "AG-1", true)]
    [InlineData("ticket:created", "support", "AG-1", true)]
    [InlineData("agent:status", "billing", "AG-2", true)]
    [InlineData("agent:status", null, null, true)]
    public void AnAgentInSales(string type, string? department, string? agentId, bool visible)
    {
        var agent = new EventFilter(Topics: null, CallId: null) { Department = "sales", AgentId = "AG-1" };
        Assert.Equal(visible, agent.Matches(RealtimeGen.Event(1, type, department: department, agentId: agentId)));
    }

    [Fact]
    public void ADepartmentWithoutAnAgentIdSeesNoOnesOwnEvents()
    {
        // An event with no agent must not count as "own" for a filter with no agent: null never equals null here.
        var filter = new EventFilter(Topics: null, CallId: null) { Department = "sales" };
        Assert.False(filter.Matches(RealtimeGen.Event(1, "call:updated", department: "billing")));
    }

    [Fact]
    public void TheDepartmentNarrowsButNeverWidensTheTopics()
    {
        var agent = new EventFilter(new HashSet<string> { "tickets" }, CallId: null) { Department = "sales", AgentId = "AG-1" };

        Assert.False(agent.Matches(RealtimeGen.Event(1, "agent:status")));
        Assert.False(agent.Matches(RealtimeGen.Event(1, "call:updated", department: "sales", agentId: "AG-1")));
        Assert.True(agent.Matches(RealtimeGen.Event(1, "ticket:created", department: "sales")));
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("supervisor", true)]
    [InlineData("agent", false)]
    [InlineData("integration", false)]
    [InlineData("web", false)]
    public void OnlyCallersWhoMaySuperviseGetTheFiguresOnAnUnfilteredSocket(string role, bool seesStats)
    {
        var caller = new FloorCaller("someone", role, "KEY-1", role == "agent" ? "AG-1" : null, role == "agent" ? "sales" : null);
        var filter = new EventFilter(Topics: null, CallId: null).For(caller);

        Assert.Equal(seesStats, filter.Matches(RealtimeGen.Event(1, "stats:updated")));
        Assert.True(filter.Matches(RealtimeGen.Event(2, "agent:status")));
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("integration")]
    public void AskingForTheStatsTopicWithoutTheRightIsForbiddenNamingTopics(string role)
    {
        var caller = new FloorCaller("someone", role, "KEY-1", role == "agent" ? "AG-1" : null, role == "agent" ? "sales" : null);

        var refused = Assert.Throws<ApiProblemException>(() => new EventFilter(new HashSet<string> { "calls", "stats" }, CallId: null).For(caller));
        Assert.Equal(403, refused.StatusCode);
        Assert.Contains("topics", refused.Errors!.Keys);
    }

    [Fact]
    public void ASupervisorAskingForStatsGetsOnlyTheFigures()
    {
        var filter = new EventFilter(new HashSet<string> { "stats" }, CallId: null).For(new FloorCaller("lead", "supervisor", "KEY-1", null, null));

        Assert.True(filter.Matches(RealtimeGen.Event(1, "stats:updated")));
        Assert.False(filter.Matches(RealtimeGen.Event(2, "call:updated", department: "sales")));
    }
}
