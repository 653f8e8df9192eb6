using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Distribution;
using Microsoft.Extensions.Time.Testing;
using static CallCenter.UnitTests.Distribution.DistributionGen;

namespace CallCenter.UnitTests.Distribution;

/// <summary>Settling an offer on a fake clock: accepted in time, declined, or rung out back to the call's own place.</summary>
public sealed class OfferDecisionTests
{
    private static readonly TimeSpan Ring = new AcdOptions().RingTimeout;

    private readonly FakeTimeProvider _clock = new(Nine);

    private readonly AgentActivityState _ringing = AgentActivityState.SignedIn(Nine.AddMinutes(-5)).Offered(Nine);

    private readonly Offer _offer = Offer.Make(Call("C1", Priority.Medium, 120), Agent("A1", 60), Nine, Ring);

    [Fact]
    public void TheOfferedAgentAcceptsBeforeItRingsOut()
    {
        _clock.Advance(Ring - TimeSpan.FromMilliseconds(1));
        var outcome = new OfferDecision(_clock).Accept(_offer, "A1", _ringing);

        Assert.Equal(CallStatus.InProgress, outcome.CallStatus);
        Assert.Equal(AgentActivity.OnCall, outcome.Agent.Activity);
    }

    [Fact]
    public void AcceptingAfterTheRingTimeoutIsRefused()
    {
        _clock.Advance(Ring);
        Assert.Equal("call_id", Assert.Throws<AcdRuleException>(() => new OfferDecision(_clock).Accept(_offer, "A1", _ringing)).Field);
    }

    [Fact]
    public void AnotherAgentCannotAcceptOrDecline()
    {
        var decision = new OfferDecision(_clock);
        Assert.Equal("agent_id", Assert.Throws<AcdRuleException>(() => decision.Accept(_offer, "A2", _ringing)).Field);
        Assert.Equal("agent_id", Assert.Throws<AcdRuleException>(() => decision.Decline(_offer, "A2", _ringing)).Field);
    }

    [Fact]
    public void ADeclineSendsTheCallBackToItsOwnPlaceAndTheAgentToMissed()
    {
        _clock.Advance(TimeSpan.FromSeconds(3));
        var outcome = new OfferDecision(_clock).Decline(_offer, "A1", _ringing);

        Assert.Equal(new OfferOutcome(CallStatus.Queued, Nine.AddSeconds(-120), new AgentActivityState(AgentActivity.Missed, Nine.AddSeconds(3))), outcome);
    }

    [Fact]
    public void TheRingTimerDoesNothingEarlyAndRequeuesAtExpiry()
    {
        var decision = new OfferDecision(_clock);
        _clock.Advance(Ring - TimeSpan.FromMilliseconds(1));
        Assert.Throws<AcdRuleException>(() => decision.Expire(_offer, _ringing));

        _clock.Advance(TimeSpan.FromSeconds(7));
        var outcome = decision.Expire(_offer, _ringing);
        Assert.Equal(new OfferOutcome(CallStatus.Queued, Nine.AddSeconds(-120), new AgentActivityState(AgentActivity.Missed, Nine + Ring)), outcome);
    }

    [Fact]
    public void TheOfferExpiresRingTimeoutAfterItWasMade()
    {
        Assert.Equal(Nine.AddSeconds(15), _offer.ExpiresAt);
        Assert.False(_offer.IsExpired(Nine.AddSeconds(14.999)));
        Assert.True(_offer.IsExpired(Nine.AddSeconds(15)));
    }
}
