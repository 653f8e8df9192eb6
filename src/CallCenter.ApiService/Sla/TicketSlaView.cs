namespace CallCenter.ApiService.Sla;

/// <summary>
/// A ticket's SLA as clients see it: the policy, each target, the next deadline and how the clock stands now, so a page
/// can count down in business time without the calendar (<see cref="ClockRunning"/> until <see cref="ClockChangesAt"/>).
/// </summary>
public sealed record TicketSlaView
{
    public string? PolicyId { get; init; }

    public string? PolicyName { get; init; }

    public string? CalendarId { get; init; }

    /// <summary><c>breached</c> (a target was missed, even if met later), <c>breaching_soon</c>, <c>active</c>, <c>paused</c> or <c>achieved</c>.</summary>
    public string Status { get; init; } = SlaStatus.Achieved;

    /// <summary>The open target due first, and when.</summary>
    public string? NextTarget { get; init; }

    public DateTime? NextDueAt { get; init; }

    /// <summary>Business minutes left on <see cref="NextTarget"/> as of <see cref="AsOf"/>.</summary>
    public double? NextMinutesLeft { get; init; }

    /// <summary>Whether <see cref="NextTarget"/>'s clock is counting at <see cref="AsOf"/> (open hours, not paused).</summary>
    public bool ClockRunning { get; init; }

    /// <summary>When the calendar next opens or closes after <see cref="AsOf"/>, if it does.</summary>
    public DateTime? ClockChangesAt { get; init; }

    /// <summary>When these figures were computed: on a list page, at most <c>Lists:ReuseFor</c> before the answer.</summary>
    public DateTime AsOf { get; init; }

    public IReadOnlyList<SlaTargetView> Targets { get; init; } = [];

    /// <summary>Started, paused, resumed, warned, achieved, breached, escalated: only on a single ticket's answer.</summary>
    public IReadOnlyList<SlaLogEntry>? Timeline { get; init; }

    public const string BreachingSoon = "breaching_soon";
}

public sealed record SlaTargetView
{
    public string Kind { get; init; } = "";

    public string Status { get; init; } = "";

    public int TargetMinutes { get; init; }

    public bool BusinessTime { get; init; }

    public DateTime StartedAt { get; init; }

    public DateTime? DueAt { get; init; }

    public DateTime? WarnAt { get; init; }

    public DateTime? BreachedAt { get; init; }

    public DateTime? AchievedAt { get; init; }

    /// <summary>Counted in the target's own time: business minutes, or calendar minutes for a calendar-time target.</summary>
    public double BusinessMinutesUsed { get; init; }

    public double BusinessMinutesLeft { get; init; }

    public bool BreachingSoon { get; init; }
}
