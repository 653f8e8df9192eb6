namespace CallCenter.ApiService.Stats;

/// <summary>
/// A call an agent answered, talked on and (usually) wrapped up. Hold is not recorded apart yet, so it is inside the
/// talk time. The call counts in the interval its handling ended: when wrap-up ended, or talk when there was none.
/// <see cref="Department"/> is the call's department.
/// </summary>
public sealed record HandledCall(string CallId, string AgentId, string Department, DateTime AnsweredAt, DateTime TalkEndedAt, DateTime? WrapUpEndedAt)
{
    public DateTime TalkEndedAt { get; init; } = TalkEndedAt < AnsweredAt
        ? throw new StatsRuleException(nameof(TalkEndedAt), "is before the call was answered.")
        : TalkEndedAt;

    public DateTime? WrapUpEndedAt { get; init; } = WrapUpEndedAt < TalkEndedAt
        ? throw new StatsRuleException(nameof(WrapUpEndedAt), "is before the talk ended.")
        : WrapUpEndedAt;

    public DateTime HandlingEndedAt => WrapUpEndedAt ?? TalkEndedAt;

    /// <summary>Talk (with hold) plus wrap-up.</summary>
    public TimeSpan HandleTime => HandlingEndedAt - AnsweredAt;
}
