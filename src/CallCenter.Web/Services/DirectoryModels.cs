namespace CallCenter.Web.Services;

public sealed record Agent
{
    public string AgentId { get; init; } = "";

    public string Name { get; init; } = "";

    public string? Email { get; init; }

    public string Department { get; init; } = "";

    public IReadOnlyList<string> Languages { get; init; } = [];

    public string Status { get; init; } = "";

    public DateTime StatusChangedAt { get; init; }

    /// <summary>What the agent is doing (<see cref="AgentActivities"/>), finer than <see cref="Status"/>; null from an API without call distribution.</summary>
    public string? Activity { get; init; }

    public DateTime? ActivitySince { get; init; }

    /// <summary>Set while on a break: one of the floor's reason codes.</summary>
    public string? BreakReason { get; init; }

    /// <summary>Set during wrap-up: when the API makes the agent available by itself.</summary>
    public DateTime? WrapUpEndsAt { get; init; }

    /// <summary>The call being offered, talked or wrapped up.</summary>
    public string? CallId { get; init; }

    /// <summary>The activity the desk shows, falling back to the seed's status.</summary>
    public string Doing => Activity ?? Status;
}

public sealed record AgentList(IReadOnlyList<Agent> Agents, int Total);

public sealed record AgentChanged(Agent Agent);

public static class AgentStatuses
{
    public const string Available = "available";
    public const string Busy = "busy";
    public const string OnBreak = "on_break";
    public const string Offline = "offline";

    public static readonly string[] All = [Available, Busy, OnBreak, Offline];
}

/// <summary>The API's agent activities; an agent chooses available, on_break or offline, the floor's calls set the rest.</summary>
public static class AgentActivities
{
    public const string Available = "available";
    public const string Ringing = "ringing";
    public const string OnCall = "on_call";
    public const string WrapUp = "wrap_up";
    public const string Missed = "missed";
    public const string OnBreak = "on_break";
    public const string Offline = "offline";
}

public record Customer
{
    public string CustomerId { get; init; } = "";

    public string Name { get; init; } = "";

    public string PhoneNumber { get; init; } = "";

    public string? Email { get; init; }

    public DateTime CreatedAt { get; init; }
}

public sealed record CustomerWithHistory : Customer
{
    public IReadOnlyList<Call> Calls { get; init; } = [];

    public IReadOnlyList<Ticket> Tickets { get; init; } = [];
}

public sealed record CustomerList(IReadOnlyList<Customer> Customers, int Total, int Limit, int Offset, bool TotalIsExact = true)
{
    /// <summary>The total as shown: "10000+" past the API's count limit.</summary>
    public string Shown => ListTotal.Show(Total, TotalIsExact);
}

public sealed record TranscriptMessage
{
    public long MessageId { get; init; }

    public string CallId { get; init; } = "";

    /// <summary><c>bot</c>, <c>customer</c>, <c>agent</c> or <c>system</c>.</summary>
    public string Speaker { get; init; } = "";

    public string Content { get; init; } = "";

    /// <summary><c>ar</c> or <c>en</c>.</summary>
    public string Language { get; init; } = "";

    public DateTime Timestamp { get; init; }
}

public sealed record Transcript(string CallId, IReadOnlyList<TranscriptMessage> Messages);

public sealed record MessageAdded(TranscriptMessage Message);
