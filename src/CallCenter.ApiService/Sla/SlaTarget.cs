namespace CallCenter.ApiService.Sla;

/// <summary>The targets a ticket can be held to.</summary>
public static class SlaKind
{
    /// <summary>Until the first public reply by an agent.</summary>
    public const string FirstResponse = "first_response";

    /// <summary>From each customer update until the agent's next public reply.</summary>
    public const string NextResponse = "next_response";

    /// <summary>Until the ticket is resolved or closed.</summary>
    public const string Resolution = "resolution";

    public static readonly IReadOnlyList<string> All = [FirstResponse, NextResponse, Resolution];
}

public static class SlaStatus
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Achieved = "achieved";
    public const string Breached = "breached";
}

/// <summary>One target a ticket is held to, as stored: its clock is the used time plus the running stretch.</summary>
public sealed record SlaTarget
{
    public string Kind { get; init; } = "";

    public int TargetMinutes { get; init; }

    /// <summary>Counted in the policy calendar's business hours; otherwise in calendar time.</summary>
    public bool BusinessTime { get; init; }

    public string Status { get; init; } = SlaStatus.Active;

    public DateTime StartedAt { get; init; }

    /// <summary>While active: where the running stretch began.</summary>
    public DateTime? SegmentStartedAt { get; init; }

    /// <summary>The time counted in the stretches before the running one.</summary>
    public long UsedTicks { get; init; }

    public DateTime? DueAt { get; init; }

    public DateTime? WarnAt { get; init; }

    public DateTime? WarnedAt { get; init; }

    public DateTime? BreachedAt { get; init; }

    public DateTime? AchievedAt { get; init; }

    /// <summary>When the watcher must next act: the warning, then the deadline; none unless active.</summary>
    public DateTime? FireAt => Status == SlaStatus.Active ? WarnedAt is null ? WarnAt : DueAt : null;

    public TimeSpan Target => TimeSpan.FromMinutes(TargetMinutes);

    /// <summary>Neither achieved nor breached: the clock still matters.</summary>
    public bool IsOpen => Status is SlaStatus.Active or SlaStatus.Paused;
}

/// <summary>A target's length and how it is counted.</summary>
public sealed record SlaTerms(int Minutes, bool BusinessTime);

/// <summary>A line of a ticket's SLA timeline.</summary>
public sealed record SlaLogEntry(DateTime At, string Kind, string What, string? Detail = null);

public static class SlaEvents
{
    public const string Started = "started";
    public const string Paused = "paused";
    public const string Resumed = "resumed";
    public const string Warned = "warned";
    public const string Achieved = "achieved";
    public const string Breached = "breached";
    public const string Retargeted = "retargeted";
    public const string Escalated = "escalated";
}
