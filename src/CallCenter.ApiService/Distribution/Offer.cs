namespace CallCenter.ApiService.Distribution;

/// <summary>
/// A call ringing on one agent's desk until <see cref="ExpiresAt"/>. It carries the call's original
/// <see cref="QueuedAt"/> so a declined or expired offer puts the call back in its own place.
/// </summary>
public sealed record Offer(string CallId, string AgentId, DateTime QueuedAt, DateTime OfferedAt, DateTime ExpiresAt)
{
    public static Offer Make(WaitingCall call, AgentCandidate agent, DateTime offeredAt, TimeSpan ringTimeout) =>
        new(call.CallId, agent.AgentId, call.QueuedAt, offeredAt, offeredAt + ringTimeout);

    public bool IsExpired(DateTime now) => now >= ExpiresAt;
}
