namespace CallCenter.ApiService.Distribution;

/// <summary>
/// What settling an offer does: the call's new status (with the <c>queued_at</c> it keeps when it goes back to the
/// queue) and the agent's new activity.
/// </summary>
public sealed record OfferOutcome(string CallStatus, DateTime? QueuedAt, AgentActivityState Agent);
