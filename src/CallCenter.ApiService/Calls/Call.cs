namespace CallCenter.ApiService.Calls;

public record Call
{
    public string CallId { get; init; } = "";

    public string Status { get; init; } = "";

    public string PhoneNumber { get; init; } = "";

    public string CustomerName { get; init; } = "";

    public string CustomerId { get; init; } = "";

    public string Priority { get; init; } = "";

    public string? Department { get; init; }

    public string? AgentId { get; init; }

    public DateTime StartedAt { get; init; }

    public DateTime? QueuedAt { get; init; }

    public DateTime? AnsweredAt { get; init; }

    public DateTime? EndedAt { get; init; }

    /// <summary>Seconds from start to end, once the call has ended.</summary>
    public int? Duration { get; init; }

    public DateTime UpdatedAt { get; init; }
}

/// <summary>A waiting call with its place in line.</summary>
public sealed record QueuedCall : Call
{
    public int Position { get; init; }

    public int WaitSeconds { get; init; }
}

public sealed record CallTransfer
{
    public string CallId { get; init; } = "";

    public string? FromDepartment { get; init; }

    public string ToDepartment { get; init; } = "";

    public string? FromAgent { get; init; }

    public string? ToAgent { get; init; }

    public DateTime TransferredAt { get; init; }
}
