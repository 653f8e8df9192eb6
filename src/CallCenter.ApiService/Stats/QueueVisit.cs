namespace CallCenter.ApiService.Stats;

/// <summary>
/// One call's stay in one department's queue. <see cref="LeftAt"/> is when the wait ended — for an answered visit the
/// moment an agent accepted — and is null exactly while the call still waits. A callback that kept its place is one
/// visit from its original <see cref="EnteredAt"/> until the callback is answered.
/// </summary>
public sealed record QueueVisit(string CallId, string Department, DateTime EnteredAt, VisitOutcome Outcome, DateTime? LeftAt)
{
    public VisitOutcome Outcome { get; init; } = Enum.IsDefined(Outcome) ? Outcome : throw new StatsRuleException(nameof(Outcome), $"'{Outcome}' is not an outcome.");

    public DateTime? LeftAt { get; init; } = (Outcome == VisitOutcome.Waiting) != (LeftAt is null)
        ? throw new StatsRuleException(nameof(LeftAt), "is set exactly when the visit is no longer waiting.")
        : LeftAt < EnteredAt ? throw new StatsRuleException(nameof(LeftAt), "is before the call entered the queue.") : LeftAt;

    /// <summary>
    /// The call came here by transfer from another queue or agent: counted for the department's volume, but not offered
    /// a second time, so it stays out of offered, answered, abandoned, service level and ASA.
    /// </summary>
    public bool IsTransferIn { get; init; }

    /// <summary>The caller left the line asking to be called back, keeping their place.</summary>
    public bool IsCallback { get; init; }

    public DateTime? AnsweredAt => Outcome == VisitOutcome.Answered ? LeftAt : null;
}
