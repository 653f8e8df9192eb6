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

    /// <summary>The caller's language; only agents who speak it are offered the call.</summary>
    public string? Language { get; init; }

    /// <summary>A skill the call asks for (set when routed): agents of any department holding it may take it.</summary>
    public string? Skill { get; init; }

    /// <summary>While the call rings on an offer: when the offer runs out.</summary>
    public DateTime? OfferExpiresAt { get; init; }

    /// <summary>The wrap-up code the agent recorded.</summary>
    public string? Disposition { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public string? CallbackNumber { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public DateTime? CallbackNotBefore { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public int CallbackAttempts { get; init; }

    /// <summary>Set when the caller left the line asking to be called back; the call keeps its place.</summary>
    public CallbackRequest? Callback => CallbackNumber is null ? null : new CallbackRequest(CallbackNumber, CallbackNotBefore, CallbackAttempts);
}

public sealed record CallbackRequest(string PhoneNumber, DateTime? NotBefore, int Attempts);

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
