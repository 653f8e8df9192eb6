using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Distribution;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using static CallCenter.UnitTests.Distribution.DistributionGen;

namespace CallCenter.UnitTests.Distribution;

/// <summary>One matching round: each call at most one agent, each agent at most one call, nobody left unmatched who could be.</summary>
public sealed class OfferRoundTests
{
    private static readonly AcdOptions Overflowing = new()
    {
        AgeingSeconds = 120,
        Departments =
        {
            ["support"] = new() { OverflowTo = ["billing"], OverflowAfterSeconds = 300, ProficiencyFirst = true },
            ["billing"] = new() { Mode = AcdMode.Manual },
        },
    };

    private static OfferRound Round(AcdOptions options) => new(options, new FakeTimeProvider(Nine));

    [Fact]
    public void TheHeadOfTheQueueGetsTheLongestIdleAgentAndTheOfferRingsFifteenSeconds()
    {
        var offers = Round(new AcdOptions()).Match(
            [Call("C1", Priority.Low, 600), Call("C2", Priority.Urgent, 5)],
            [Agent("A1", 10), Agent("A2", 300)]);

        Assert.Equal(
            [new Offer("C2", "A2", Nine.AddSeconds(-5), Nine, Nine.AddSeconds(15)), new Offer("C1", "A1", Nine.AddSeconds(-600), Nine, Nine.AddSeconds(15))],
            offers);
    }

    [Fact]
    public void AnAgentAlreadyRingingIsNotOfferedASecondCall() =>
        Assert.Empty(Round(new AcdOptions()).Match([Call("C1", Priority.Low, 5)], [Agent("A1", 10, activity: AgentActivity.Ringing)]));

    [Fact]
    public void CallsOfAManualDepartmentWaitToBePicked() =>
        Assert.Empty(Round(Overflowing).Match([Call("C1", Priority.Low, 5, department: "billing")], [Agent("A1", 10, department: "billing")]));

    [Fact]
    public void AGreedyRoundKeepsEveryRule() =>
        Gen.Select(SomeCalls, SomeAgents, Gen.Bool).Sample((calls, agents, overflowing) =>
        {
            var options = overflowing ? Overflowing : new AcdOptions();
            var offers = Round(options).Match(calls, agents);
            var choice = new AgentChoice(options);
            var callsById = calls.ToDictionary(call => call.CallId);
            var agentsById = agents.ToDictionary(agent => agent.AgentId);

            Assert.Equal(offers.Count, offers.Select(offer => offer.AgentId).Distinct().Count());
            Assert.Equal(offers.Count, offers.Select(offer => offer.CallId).Distinct().Count());
            Assert.All(offers, offer =>
            {
                Assert.True(choice.IsEligible(callsById[offer.CallId], agentsById[offer.AgentId], Nine));
                Assert.Equal(AcdMode.Auto, options.For(callsById[offer.CallId].Department).Mode);
                Assert.Equal(callsById[offer.CallId].QueuedAt, offer.QueuedAt);
                Assert.Equal(Nine + options.RingTimeout, offer.ExpiresAt);
            });

            var freeAgents = agents.Where(agent => offers.All(offer => offer.AgentId != agent.AgentId)).ToList();
            var waiting = calls.Where(call => options.For(call.Department).Mode == AcdMode.Auto && offers.All(offer => offer.CallId != call.CallId));
            Assert.All(waiting, call => Assert.Null(choice.Best(call, freeAgents, Nine)));
        });

    [Fact]
    public void EachOfferGoesToTheBestAgentLeftWhenItsCallsTurnCame() =>
        Gen.Select(SomeCalls, SomeAgents).Sample((calls, agents) =>
        {
            var options = new AcdOptions { AgeingSeconds = 60 };
            var offers = Round(options).Match(calls, agents);
            var choice = new AgentChoice(options);
            var remaining = agents.ToList();
            foreach (var call in new QueueOrder(options.Ageing).Sort(calls, Nine))
            {
                var best = choice.Best(call, remaining, Nine);
                Assert.Equal(best?.AgentId, offers.SingleOrDefault(offer => offer.CallId == call.CallId)?.AgentId);
                remaining.RemoveAll(agent => agent == best);
            }
        });
}
