namespace CallCenter.ApiService.Agents;

public record Agent
{
    public string AgentId { get; init; } = "";

    public string Name { get; init; } = "";

    public string? Email { get; init; }

    public string Department { get; init; } = "";

    public string[] Languages { get; init; } = [];

    public string Status { get; init; } = "";

    public DateTime StatusChangedAt { get; init; }

    /// <summary>What the agent is doing, finer than <see cref="Status"/> (see <c>Distribution.AgentActivity</c>).</summary>
    public string Activity { get; init; } = "";

    public DateTime ActivitySince { get; init; }

    /// <summary>The reason code while on a break.</summary>
    public string? BreakReason { get; init; }

    /// <summary>While in wrap-up: when the system makes the agent available again.</summary>
    public DateTime? WrapUpEndsAt { get; init; }

    /// <summary>The call being offered, talked or wrapped up.</summary>
    public string? CallId { get; init; }

    /// <summary>Skills the agent holds, each with a level from 1 to 5; a call asking for one may go to them.</summary>
    public Dictionary<string, int> Skills { get; init; } = [];
}

public static class AgentStatus
{
    public const string Available = "available";
    public const string Busy = "busy";
    public const string OnBreak = "on_break";
    public const string Offline = "offline";
}
