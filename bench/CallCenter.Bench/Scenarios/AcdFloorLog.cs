namespace CallCenter.Bench.Scenarios;

/// <summary>What the floor looked like when an agent was offered a call, read from the event stream alone.</summary>
/// <param name="IdleSince">When the offered agent last became available; null if the stream never said.</param>
/// <param name="LongestIdle">The offered agent was, of the run's agents then available, the one idle longest (ties by agent id).</param>
/// <param name="Expected">The agent that was idle longest, for the report when it was someone else.</param>
public sealed record OfferSeen(string CallId, string AgentId, DateTime OfferedAt, DateTime? IdleSince, bool LongestIdle, string? Expected, int Available);

/// <summary>
/// The run's agents as the live updates describe them, in event order: each one's activity, when they last became
/// available, and the call they were offered. Events come in commit order, so at each <c>call:offered</c> this is
/// the floor the ACD chose from. Safe to read from other threads while the socket's reader writes.
/// </summary>
public sealed class AcdFloorLog(IReadOnlyCollection<string> agents)
{
    public const string Available = "available";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Desk> _desks = agents.ToDictionary(agent => agent, _ => new Desk(), StringComparer.Ordinal);

    private sealed class Desk
    {
        public string Activity { get; set; } = "";

        /// <summary>Kept through ringing and the call, so an offer can be held against the idle time it ended.</summary>
        public DateTime? IdleSince { get; set; }

        public string? CallId { get; set; }

        public DateTime OfferedAt { get; set; }
    }

    public int AvailableCount
    {
        get
        {
            lock (_lock)
            {
                return _desks.Values.Count(desk => desk.Activity == Available);
            }
        }
    }

    /// <summary>
    /// An <c>agent:activity_changed</c>. When a run's agent becomes available after a call, returns that call and how
    /// long it kept the agent, from the offer to available again: the handle time the ACD actually saw.
    /// </summary>
    public (string CallId, TimeSpan Busy)? ActivityChanged(string agentId, string activity, DateTime since)
    {
        lock (_lock)
        {
            if (!_desks.TryGetValue(agentId, out var desk))
            {
                return null;
            }

            desk.Activity = activity;
            if (activity != Available)
            {
                return null;
            }

            desk.IdleSince = since;
            var finished = desk.CallId is { } callId ? (callId, since - desk.OfferedAt) : ((string, TimeSpan)?)null;
            desk.CallId = null;
            return finished;
        }
    }

    /// <summary>
    /// A <c>call:offered</c>: judges it against the available agents, then marks the agent as ringing. Ringing is set
    /// here rather than waiting for the agent's own event, which one matching round may write after several offers.
    /// </summary>
    public OfferSeen Offered(string callId, string agentId, DateTime offeredAt)
    {
        lock (_lock)
        {
            var offered = _desks.GetValueOrDefault(agentId);
            var candidates = _desks.Where(desk => desk.Key == agentId ? desk.Value.IdleSince is not null : desk.Value.Activity == Available)
                .Select(desk => (AgentId: desk.Key, IdleSince: desk.Value.IdleSince ?? DateTime.MaxValue))
                .ToList();
            var expected = candidates.OrderBy(desk => desk.IdleSince).ThenBy(desk => desk.AgentId, StringComparer.Ordinal)
                .Select(desk => desk.AgentId).FirstOrDefault();
            var seen = new OfferSeen(callId, agentId, offeredAt, offered?.IdleSince, offered is not null && expected == agentId, expected,
                candidates.Count);
            if (offered is not null)
            {
                offered.Activity = "ringing";
                offered.CallId = callId;
                offered.OfferedAt = offeredAt;
            }

            return seen;
        }
    }
}
