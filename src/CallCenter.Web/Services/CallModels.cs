namespace CallCenter.Web.Services;

/// <summary>A call as the API and its live events carry it.</summary>
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

    public int? Duration { get; init; }

    public DateTime UpdatedAt { get; init; }

    /// <summary>The caller's language code (<c>ar</c>, <c>en</c>), when known.</summary>
    public string? Language { get; init; }

    /// <summary>Set while the call rings on an agent's desk as an offer: when it goes back to the queue.</summary>
    public DateTime? OfferExpiresAt { get; init; }

    /// <summary>The wrap-up code the agent recorded.</summary>
    public string? Disposition { get; init; }

    public bool IsOver => Status is CallStatuses.Ended or CallStatuses.Abandoned;
}

public sealed record CallDetail : Call
{
    public IReadOnlyList<CallTransfer> Transfers { get; init; } = [];
}

public sealed record CallTransfer
{
    public string? FromDepartment { get; init; }

    public string ToDepartment { get; init; } = "";

    public string? FromAgent { get; init; }

    public string? ToAgent { get; init; }

    public DateTime TransferredAt { get; init; }
}

public sealed record CallStarted(string CallId, Call Call);

public sealed record CallChanged(Call Call);

public sealed record CallList(IReadOnlyList<Call> Calls, int Total);

/// <summary>The API's call states; the pages decide which actions to offer from them.</summary>
public static class CallStatuses
{
    public const string Initiated = "initiated";
    public const string Queued = "queued";
    public const string Ringing = "ringing";
    public const string InProgress = "in_progress";
    public const string OnHold = "on_hold";
    public const string Ended = "ended";
    public const string Abandoned = "abandoned";
}
