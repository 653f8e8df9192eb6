namespace CallCenter.ApiService.Webhooks;

/// <summary>An endpoint as admins see it; its secrets never leave the API after creation or rotation.</summary>
public sealed record WebhookEndpoint
{
    public long EndpointId { get; init; }

    public string Url { get; init; } = "";

    public string[] EventTypes { get; init; } = [];

    public bool Enabled { get; init; }

    /// <summary>Why delivery stopped: <c>gone</c> (the receiver answered 410) or <c>failing</c> (failed too long).</summary>
    public string? DisabledReason { get; init; }

    public DateTime CreatedAt { get; init; }

    public string CreatedBy { get; init; } = "";

    /// <summary>Every wanted event up to this id has been delivered.</summary>
    public long DeliveredThrough { get; init; }

    /// <summary>Failed attempts on the event waiting to be delivered.</summary>
    public int Failures { get; init; }

    public DateTime NextAttemptAt { get; init; }

    public DateTime? FailingSince { get; init; }

    /// <summary>Until when the secret replaced by the last rotation still signs deliveries.</summary>
    public DateTime? PreviousUntil { get; init; }
}

public sealed record WebhookList(IReadOnlyList<WebhookEndpoint> Endpoints);

/// <summary>The secret is in this answer only; store it now.</summary>
public sealed record WebhookSecretIssued(WebhookEndpoint Endpoint, string Secret);

public sealed record WebhookDelivery
{
    public long EventId { get; init; }

    public string EventType { get; init; } = "";

    /// <summary><c>delivered</c>, <c>retrying</c> or <c>failed</c>.</summary>
    public string Status { get; init; } = "";

    public int Attempts { get; init; }

    public int? ResponseCode { get; init; }

    public int DurationMs { get; init; }

    /// <summary>The first KiB of the receiver's answer.</summary>
    public string? ResponseBody { get; init; }

    public string? Error { get; init; }

    public DateTime LastAttemptAt { get; init; }
}

public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDelivery> Deliveries, int Total, int Limit, int Offset, bool TotalIsExact);

public sealed record WebhookRedeliveries(long EndpointId, int Queued);
