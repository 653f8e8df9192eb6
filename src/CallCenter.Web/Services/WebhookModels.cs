namespace CallCenter.Web.Services;

/// <summary>A webhook endpoint as the API lists it, without its secret.</summary>
public sealed record WebhookEndpoint
{
    public long EndpointId { get; init; }

    public string Url { get; init; } = "";

    public IReadOnlyList<string> EventTypes { get; init; } = [];

    public bool Enabled { get; init; }

    public string? DisabledReason { get; init; }

    public long DeliveredThrough { get; init; }

    public int Failures { get; init; }

    public DateTime? FailingSince { get; init; }
}

public sealed record WebhookList(IReadOnlyList<WebhookEndpoint> Endpoints);

/// <summary>An endpoint just made (or its secret rotated), with the secret shown once.</summary>
public sealed record WebhookSecretIssued(WebhookEndpoint Endpoint, string Secret);

public sealed record WebhookDelivery
{
    public long EventId { get; init; }

    public string EventType { get; init; } = "";

    public string Status { get; init; } = "";

    public int Attempts { get; init; }

    public int? ResponseCode { get; init; }

    public int DurationMs { get; init; }

    public string? ResponseBody { get; init; }

    public string? Error { get; init; }

    public DateTime LastAttemptAt { get; init; }
}

public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDelivery> Deliveries, int Total, int Limit, int Offset, bool TotalIsExact = true)
{
    /// <summary>The total as shown: "10000+" past the API's count limit.</summary>
    public string Shown => ListTotal.Show(Total, TotalIsExact);
}
