using CallCenter.ApiService.Distribution;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// A stretch of time one agent spent in one <see cref="AgentActivity"/>; <see cref="EndedAt"/> is null while it goes
/// on, and the figures clip it to their "now". <see cref="Department"/> is the agent's own department.
/// </summary>
public sealed record ActivitySpan(string AgentId, string Department, string Activity, DateTime StartedAt, DateTime? EndedAt)
{
    public string Activity { get; init; } = AgentActivity.All.Contains(Activity)
        ? Activity
        : throw new StatsRuleException(nameof(Activity), $"'{Activity}' is not an agent activity.");

    public DateTime? EndedAt { get; init; } = EndedAt < StartedAt
        ? throw new StatsRuleException(nameof(EndedAt), "is before the span started.")
        : EndedAt;

    /// <summary>Set on a break: the reason code the agent gave.</summary>
    public string? BreakReason { get; init; }

    /// <summary>The call the agent was ringing for, talking on or wrapping up.</summary>
    public string? CallId { get; init; }
}
