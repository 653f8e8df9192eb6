using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Distribution;
using CsCheck;
using static CallCenter.UnitTests.Distribution.DistributionGen;

namespace CallCenter.UnitTests.Distribution;

/// <summary>Which agent a call is offered to: the longest idle eligible one, with proficiency and overflow when asked.</summary>
public sealed class AgentChoiceTests
{
    private static readonly AgentChoice Plain = new(new AcdOptions());

    [Fact]
    public void TheLongestIdleAvailableAgentOfTheDepartmentIsChosen()
    {
        AgentCandidate[] agents =
        [
            Agent("A1", idleSeconds: 10),
            Agent("A2", idleSeconds: 300),
            Agent("A3", idleSeconds: 900, activity: AgentActivity.Missed),
            Agent("A4", idleSeconds: 900, department: "sales"),
        ];

        Assert.Equal("A2", Plain.Best(Call("C1", Priority.Low, 5), agents, Nine)?.AgentId);
    }

    [Fact]
    public void EqualIdleTimesAreBrokenByAgentId() =>
        Assert.Equal(["A1", "A2"], Plain.Candidates(Call("C1", Priority.Low, 5), [Agent("A2", 60), Agent("A1", 60)], Nine).Select(agent => agent.AgentId));

    [Fact]
    public void ACallWithALanguageGoesOnlyToAgentsWhoSpeakIt()
    {
        var call = Call("C1", Priority.Low, 5) with { Language = "AR" };
        var arabic = Agent("A1", 10) with { Languages = ["en", "ar"] };
        Assert.Equal([arabic], Plain.Candidates(call, [Agent("A2", 600), arabic], Nine));
    }

    [Fact]
    public void AnAgentOfAnotherDepartmentHoldingTheSkillIsEligible()
    {
        var call = Call("C1", Priority.Low, 5) with { Skill = "refunds" };
        var skilled = Agent("A1", 10, department: "billing") with { Proficiency = new Dictionary<string, int> { ["refunds"] = 2 } };
        Assert.True(Plain.IsEligible(call, skilled, Nine));
        Assert.False(Plain.IsEligible(call with { Skill = null }, skilled, Nine));
    }

    [Fact]
    public void ProficiencyFirstOrdersByLevelBeforeIdleTime()
    {
        var options = new AcdOptions { Departments = { ["support"] = new() { ProficiencyFirst = true } } };
        var expert = Agent("A1", 10) with { Proficiency = new Dictionary<string, int> { ["support"] = 5 } };
        var novice = Agent("A2", 600) with { Proficiency = new Dictionary<string, int> { ["support"] = 1 } };
        var call = Call("C1", Priority.Low, 5);

        Assert.Equal(expert, new AgentChoice(options).Best(call, [novice, expert], Nine));
        Assert.Equal(novice, Plain.Best(call, [novice, expert], Nine));
    }

    [Fact]
    public void AfterTheOverflowDelayFallbackDepartmentsAreEligibleToo()
    {
        var choice = new AgentChoice(new AcdOptions { Departments = { ["support"] = new() { OverflowTo = ["sales"], OverflowAfterSeconds = 60 } } });
        var seller = Agent("A1", 10, department: "sales");

        Assert.Null(choice.Best(Call("C1", Priority.Low, 59), [seller], Nine));
        Assert.Equal(seller, choice.Best(Call("C1", Priority.Low, 60), [seller], Nine));
        Assert.Null(choice.Best(Call("C1", Priority.Low, 60) with { Department = "billing" }, [seller], Nine));
    }

    [Fact]
    public void EveryCandidateIsEligibleAndTheyComeLongestIdleFirst() =>
        Gen.Select(SomeCalls, SomeAgents).Sample((calls, agents) =>
        {
            foreach (var call in calls)
            {
                var candidates = Plain.Candidates(call, agents, Nine);
                Assert.Equal(agents.Where(agent => Plain.IsEligible(call, agent, Nine)).OrderBy(agent => agent.AgentId), candidates.OrderBy(agent => agent.AgentId));
                Assert.All(candidates, agent => Assert.Equal(AgentActivity.Available, agent.Activity));
                Assert.Equal(candidates.OrderBy(agent => agent.IdleSince).ThenBy(agent => agent.AgentId, StringComparer.Ordinal), candidates);
            }
        });
}
