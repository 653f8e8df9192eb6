using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Data;

namespace CallCenter.ApiService.Distribution;

/// <summary>
/// Settles an offer on the clock: the offered agent accepts before it expires (call in progress, agent on the call),
/// or declines, or lets it ring out (call back to its own place in the queue, agent missed).
/// </summary>
public sealed class OfferDecision(TimeProvider clock)
{
    public OfferOutcome Accept(Offer offer, string agentId, AgentActivityState agent)
    {
        var now = clock.UtcNow();
        EnsureOfferedTo(offer, agentId);
        if (offer.IsExpired(now))
        {
            throw new AcdRuleException("call_id", $"the offer of call '{offer.CallId}' expired at {offer.ExpiresAt:O}.");
        }

        return new OfferOutcome(CallStatus.InProgress, null, agent.Answered(now));
    }

    /// <summary>A decline that arrives after the offer rang out settles it the same way.</summary>
    public OfferOutcome Decline(Offer offer, string agentId, AgentActivityState agent)
    {
        EnsureOfferedTo(offer, agentId);
        return BackToQueue(offer, agent, clock.UtcNow());
    }

    /// <summary>The ring timer: refuses an offer still ringing, so a timer that fires early changes nothing.</summary>
    public OfferOutcome Expire(Offer offer, AgentActivityState agent)
    {
        var now = clock.UtcNow();
        return offer.IsExpired(now)
            ? BackToQueue(offer, agent, offer.ExpiresAt)
            : throw new AcdRuleException("call_id", $"the offer of call '{offer.CallId}' rings until {offer.ExpiresAt:O}.");
    }

    private static OfferOutcome BackToQueue(Offer offer, AgentActivityState agent, DateTime at) =>
        new(CallStatus.Queued, offer.QueuedAt, agent.Missed(at));

    private static void EnsureOfferedTo(Offer offer, string agentId)
    {
        if (agentId != offer.AgentId)
        {
            throw new AcdRuleException("agent_id", $"call '{offer.CallId}' is offered to another agent.");
        }
    }
}
