namespace CallCenter.Bench.Scenarios;

/// <summary>What the floor looked like when an agent was offered a call, read from the event stream alone.</summary>
/// <param name="IdleSince">When the offered agent last became available; null if the stream never said.</param>
/// <param name="LongestIdle">The offered agent was, of the run's agents then available, the one idle longest (ties by agent id).</param>
/// <param name="Expected">The agent that was idle longest, for the report when it was someone else.</param>
/// <param name="ExpectedIdleSince">When <paramref name="Expected"/> became available.</param>
/// <param name="ExpectedNoticedAt">
/// When the event saying <paramref name="Expected"/> was available reached the bench (same clock as the server's stamps).
/// <c>activity_since</c> is stamped as the change starts, not as it commits, and <c>offered_at</c> just after the decision
/// read the floor: if the event came only after <paramref name="OfferedAt"/>, the change committed after that read (a race,
/// not a wrong choice); if before, the decision may have seen it (on a stalled machine the read can still be earlier).
/// </param>
public sealed record OfferSeen(
    string CallId, string AgentId, DateTime OfferedAt, DateTime? IdleSince, bool LongestIdle,
    string? Expected, DateTime? ExpectedIdleSince, DateTime? ExpectedNoticedAt, int Available)
{
    /// <summary>Not the longest idle, though the one who was had been committed available before the offer was stamped.</summary>
    public bool PossiblyWrong => !LongestIdle && ExpectedNoticedAt < OfferedAt;
}

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
    private readonly List<(DateTime From, DateTime To)> _availableSpans = [];

    private sealed class Desk
    {
        public string Activity { get; set; } = "";

        /// <summary>Kept through ringing and the call, so an offer can be held against the idle time it ended.</summary>
        public DateTime? IdleSince { get; set; }

        public string? CallId { get; set; }

        public DateTime OfferedAt { get; set; }

        /// <summary>When the event saying the agent was available arrived.</summary>
        public DateTime AvailableNoticedAt { get; set; }

        /// <summary>Set while the agent is available: since when.</summary>
        public DateTime? AvailableFrom { get; set; }
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
    public (string CallId, TimeSpan Busy)? ActivityChanged(string agentId, string activity, DateTime since, DateTime arrivedAt)
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
                EndAvailable(desk, since);
                return null;
            }

            EndAvailable(desk, since);
            desk.AvailableFrom = since;
            desk.AvailableNoticedAt = arrivedAt;
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
                expected is null ? null : _desks[expected].IdleSince,
                expected is null ? null : _desks[expected].AvailableNoticedAt, candidates.Count);
            if (offered is not null)
            {
                EndAvailable(offered, offeredAt);
                offered.Activity = "ringing";
                offered.CallId = callId;
                offered.OfferedAt = offeredAt;
            }

            return seen;
        }
    }

    /// <summary>Every stretch a run's agent was available, the ones still open ending at <paramref name="until"/>.</summary>
    public IReadOnlyList<(DateTime From, DateTime To)> AvailableSpans(DateTime until)
    {
        lock (_lock)
        {
            return [.. _availableSpans, .. _desks.Values.Where(desk => desk.AvailableFrom is not null).Select(desk => (desk.AvailableFrom!.Value, until))];
        }
    }

    private void EndAvailable(Desk desk, DateTime at)
    {
        if (desk.AvailableFrom is { } from)
        {
            _availableSpans.Add((from, at));
            desk.AvailableFrom = null;
        }
    }
}
