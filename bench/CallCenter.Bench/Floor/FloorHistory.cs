namespace CallCenter.Bench.Floor;

/// <summary>A department of the generated floor: its share of the calls and its mean talk time.</summary>
public sealed record FloorDepartment(string Name, double Share, double TalkSeconds);

/// <summary>An agent of the generated floor, by index; ids are given when the floor is loaded.</summary>
public sealed record FloorAgent(int Index, int Department);

/// <summary>One stretch of one agent's day, as <c>agent_activities</c> holds it; <see cref="End"/> is null for the one going on now.</summary>
public readonly record struct SpanRow(int Agent, string Activity, string? BreakReason, int Call, DateTime Start, DateTime? End);

/// <summary>One call's stay in one department's queue, as <c>queue_visits</c> holds it.</summary>
public readonly record struct VisitRow(int Call, int Department, DateTime Entered, DateTime Left, string Outcome, bool TransferIn, bool Callback);

/// <summary>An answered call handed by its agent to another department's queue, as <c>call_transfers</c> holds it.</summary>
public readonly record struct TransferRow(int Call, int From, int To, int FromAgent, DateTime At);

/// <summary>A call's row as <c>calls</c> holds it once the call is over; <see cref="Agent"/> is -1 when no agent took it.</summary>
public sealed class CallRow
{
    public int Customer { get; init; }

    public DateTime StartedAt { get; init; }

    public string Language { get; init; } = "ar";

    public int Department { get; set; }

    public int Agent { get; set; } = -1;

    public DateTime QueuedAt { get; set; }

    public DateTime? AnsweredAt { get; set; }

    public DateTime EndedAt { get; set; }

    public string Status { get; set; } = "abandoned";

    public string? Disposition { get; set; }

    public bool Callback { get; set; }
}

/// <summary>What <see cref="FloorSimulation"/> made: every row the loader writes, and the agents' state now.</summary>
public sealed record FloorHistory(
    IReadOnlyList<FloorDepartment> Departments,
    IReadOnlyList<FloorAgent> Agents,
    IReadOnlyList<CallRow> Calls,
    int Customers,
    IReadOnlyList<VisitRow> Visits,
    IReadOnlyList<SpanRow> Spans,
    IReadOnlyList<TransferRow> Transfers,
    DateTime Start,
    DateTime End,
    int Shifts);
