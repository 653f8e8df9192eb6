namespace CallCenter.Web.Services;

/// <summary>
/// A ticket's SLA as the API tells it: the next deadline in business minutes as of <see cref="AsOf"/>, and whether
/// that clock runs until <see cref="ClockChangesAt"/>, so a page counts down without the calendar.
/// </summary>
public sealed record TicketSla
{
    public string? PolicyId { get; init; }

    public string? PolicyName { get; init; }

    /// <summary><c>breached</c>, <c>breaching_soon</c>, <c>active</c>, <c>paused</c> or <c>achieved</c>.</summary>
    public string Status { get; init; } = "";

    public string? NextTarget { get; init; }

    public DateTime? NextDueAt { get; init; }

    public double? NextMinutesLeft { get; init; }

    public bool ClockRunning { get; init; }

    public DateTime? ClockChangesAt { get; init; }

    public DateTime AsOf { get; init; }

    public IReadOnlyList<SlaTarget> Targets { get; init; } = [];

    public IReadOnlyList<SlaLogEntry>? Timeline { get; init; }

    /// <summary>The next target waits (a pending ticket): its countdown says "paused" rather than a time.</summary>
    public bool NextTargetPaused => Targets.Any(target => target.Kind == NextTarget && target.Status == SlaStatuses.Paused);
}

public sealed record SlaTarget
{
    public string Kind { get; init; } = "";

    public string Status { get; init; } = "";

    public int TargetMinutes { get; init; }

    public bool BusinessTime { get; init; }

    public DateTime StartedAt { get; init; }

    public DateTime? DueAt { get; init; }

    public DateTime? BreachedAt { get; init; }

    public DateTime? AchievedAt { get; init; }

    public double BusinessMinutesLeft { get; init; }
}

public sealed record SlaLogEntry
{
    public DateTime At { get; init; }

    public string Kind { get; init; } = "";

    /// <summary>started, paused, resumed, warned, achieved, breached, retargeted or escalated.</summary>
    public string What { get; init; } = "";

    public string? Detail { get; init; }
}

public static class SlaStatuses
{
    public const string Breached = "breached";
    public const string BreachingSoon = "breaching_soon";
    public const string Paused = "paused";

    /// <summary>What the CRM list filters on.</summary>
    public static readonly string[] Filters = [BreachingSoon, Breached];
}

/// <summary>Of the ticket targets that started in a range, how many were met, missed or still run (<c>GET /api/stats/sla-compliance</c>).</summary>
public sealed record SlaCompliance(IReadOnlyList<SlaComplianceRow> Rows, SlaComplianceRow Overall);

public sealed record SlaComplianceRow
{
    public string? PolicyId { get; init; }

    public string? PolicyName { get; init; }

    public string Priority { get; init; } = "";

    public string Kind { get; init; } = "";

    public int Achieved { get; init; }

    public int Breached { get; init; }

    public int Running { get; init; }

    /// <summary>Met as a share of those that ended, 0 to 100; null when none ended.</summary>
    public double? CompliancePercent { get; init; }
}
