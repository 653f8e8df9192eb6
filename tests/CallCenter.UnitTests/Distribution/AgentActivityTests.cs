using CallCenter.ApiService.Agents;
using CallCenter.ApiService.Distribution;
using CsCheck;

namespace CallCenter.UnitTests.Distribution;

/// <summary>An agent's activity as a table of moves, the seed's status it shows, and wrap-up on the clock.</summary>
public sealed class AgentActivityTests
{
    private static readonly DateTime Nine = DistributionGen.Nine;

    private static readonly string[] Reasons = ["lunch", "training", "meeting"];

    private static readonly Gen<string> Activity = Gen.Int[0, AgentActivity.All.Length - 1].Select(index => AgentActivity.All[index]);

    [Fact]
    public void AnOfferAnsweredEndsInWrapUpThenAvailableWhenItRunsOut()
    {
        var agent = AgentActivityState.SignedIn(Nine).Offered(Nine.AddSeconds(1)).Answered(Nine.AddSeconds(5));
        var wrapping = agent.CallEnded(Nine.AddMinutes(3), TimeSpan.FromSeconds(30));
        Assert.Equal(AgentActivity.WrapUp, wrapping.Activity);
        Assert.False(wrapping.WrapUpOver(Nine.AddMinutes(3).AddSeconds(29)));

        var ready = wrapping.WrapUpExpired(Nine.AddMinutes(4));
        Assert.Equal(AgentActivity.Available, ready.Activity);
        Assert.Equal(Nine.AddMinutes(3).AddSeconds(30), ready.Since);
    }

    [Fact]
    public void NoWrapUpMakesTheAgentAvailableWhenTheCallEnds() =>
        Assert.Equal(
            AgentActivity.Available,
            AgentActivityState.SignedIn(Nine).Answered(Nine).CallEnded(Nine.AddMinutes(1), TimeSpan.Zero).Activity);

    [Fact]
    public void TheAgentMayFinishWrapUpEarlyButTheTimerMayNot()
    {
        var wrapping = AgentActivityState.SignedIn(Nine).Answered(Nine).CallEnded(Nine, TimeSpan.FromSeconds(30));
        Assert.Throws<AcdRuleException>(() => wrapping.WrapUpExpired(Nine.AddSeconds(10)));
        Assert.Equal(AgentActivity.Available, wrapping.MadeAvailable(Nine.AddSeconds(10)).Activity);
    }

    [Fact]
    public void AMissedOfferLeavesTheAgentNotReadyUntilTheyAreAvailableAgain()
    {
        var missed = AgentActivityState.SignedIn(Nine).Offered(Nine).Missed(Nine.AddSeconds(15));
        Assert.Throws<AcdRuleException>(() => missed.Offered(Nine.AddSeconds(16)));
        Assert.Equal(AgentActivity.Ringing, missed.MadeAvailable(Nine.AddSeconds(20)).Offered(Nine.AddSeconds(21)).Activity);
    }

    [Fact]
    public void ABreakNeedsAKnownReasonAndIsRefusedWhileRingingOrOnACall()
    {
        var available = AgentActivityState.SignedIn(Nine);
        Assert.Equal("lunch", available.OnBreak("lunch", Nine, Reasons).BreakReason);
        Assert.Equal("reason", Assert.Throws<AcdRuleException>(() => available.OnBreak("nap", Nine, Reasons)).Field);
        Assert.Throws<AcdRuleException>(() => available.Offered(Nine).OnBreak("lunch", Nine, Reasons));
        Assert.Throws<AcdRuleException>(() => available.Answered(Nine).SignedOut(Nine));
    }

    [Fact]
    public void AnAgentOnACallCannotMakeThemselvesAvailable() =>
        Assert.Equal("activity", Assert.Throws<AcdRuleException>(() => AgentActivityState.SignedIn(Nine).Answered(Nine).MadeAvailable(Nine)).Field);

    [Theory]
    [InlineData(AgentActivity.Available, AgentStatus.Available)]
    [InlineData(AgentActivity.Ringing, AgentStatus.Busy)]
    [InlineData(AgentActivity.OnCall, AgentStatus.Busy)]
    [InlineData(AgentActivity.WrapUp, AgentStatus.Busy)]
    [InlineData(AgentActivity.Missed, AgentStatus.OnBreak)]
    [InlineData(AgentActivity.OnBreak, AgentStatus.OnBreak)]
    [InlineData(AgentActivity.Offline, AgentStatus.Offline)]
    public void EachActivityShowsTheSeedsStatus(string activity, string status) => Assert.Equal(status, AgentActivity.SeedStatus(activity));

    [Fact]
    public void OnlyAnAvailableAgentCanBeOffered() =>
        Assert.All(AgentActivity.All, from => Assert.Equal(from == AgentActivity.Available, AgentActivity.CanMove(from, AgentActivity.Ringing)));

    [Fact]
    public void RingingAndOnCallCannotBeLeftForABreakOrOffline() =>
        Assert.All([AgentActivity.Ringing, AgentActivity.OnCall], from =>
        {
            Assert.False(AgentActivity.CanMove(from, AgentActivity.OnBreak));
            Assert.False(AgentActivity.CanMove(from, AgentActivity.Offline));
        });

    [Fact]
    public void ARingingAgentCannotMakeThemselvesAvailableButAWithdrawnOfferFreesThem()
    {
        var ringing = AgentActivityState.SignedIn(Nine).Offered(Nine.AddSeconds(1));
        Assert.Equal("activity", Assert.Throws<AcdRuleException>(() => ringing.MadeAvailable(Nine.AddSeconds(2))).Field);
        var freed = ringing.OfferWithdrawn(Nine.AddSeconds(3));
        Assert.Equal((AgentActivity.Available, Nine.AddSeconds(3)), (freed.Activity, freed.Since));
        Assert.Throws<AcdRuleException>(() => freed.OfferWithdrawn(Nine.AddSeconds(4)));
    }

    [Fact]
    public void EveryActivityCanBeLeftAndNoneMovesToItself() =>
        Assert.All(AgentActivity.All, activity =>
        {
            Assert.NotEmpty(AgentActivity.NextFrom(activity));
            Assert.False(AgentActivity.CanMove(activity, activity));
        });

    [Fact]
    public void AStateMovesExactlyWhereTheTableAllows() =>
        Gen.Select(Activity, Activity).Sample((from, to) =>
        {
            var state = new AgentActivityState(from, Nine);
            var moved = Record.Exception(() => Move(state, to));
            Assert.Equal(AgentActivity.CanMove(from, to), moved is null);
            Assert.True(moved is null or AcdRuleException);
        });

    /// <summary>
    /// The one method that asks for each target; on_call → available is the zero wrap-up end of a call, ringing →
    /// available an offer withdrawn.
    /// </summary>
    private static AgentActivityState Move(AgentActivityState state, string to) => to switch
    {
        AgentActivity.Ringing => state.Offered(Nine),
        AgentActivity.OnCall => state.Answered(Nine),
        AgentActivity.WrapUp => state.CallEnded(Nine, TimeSpan.FromSeconds(30)),
        AgentActivity.Missed => state.Missed(Nine),
        AgentActivity.OnBreak => state.OnBreak("lunch", Nine, Reasons),
        AgentActivity.Offline => state.SignedOut(Nine),
        _ when state.Activity == AgentActivity.OnCall => state.CallEnded(Nine, TimeSpan.Zero),
        _ when state.Activity == AgentActivity.Ringing => state.OfferWithdrawn(Nine),
        _ => state.MadeAvailable(Nine),
    };
}
