using CallCenter.ApiService.Realtime;

namespace CallCenter.ApiService.Webhooks;

/// <summary>An endpoint's delivery state as the dispatcher reads it, secrets still encrypted.</summary>
internal sealed record DueEndpoint
{
    public long EndpointId { get; init; }

    public string Url { get; init; } = "";

    public string[] EventTypes { get; init; } = [];

    public bool Enabled { get; init; }

    public string Secret { get; init; } = "";

    public string? PreviousSecret { get; init; }

    public DateTime? PreviousUntil { get; init; }

    public long DeliveredThrough { get; init; }

    public int Failures { get; init; }

    public DateTime NextAttemptAt { get; init; }

    public DateTime? FailingSince { get; init; }
}

/// <summary>A kept event as read from the log; it is POSTed as the live socket's frame.</summary>
internal sealed record OutgoingEvent(long EventId, string Type, string Data, DateTime OccurredAt, string? TraceParent)
{
    public LiveEvent ToLive() => LiveEvent.FromStored(EventId, Type, Data, OccurredAt, TraceParent);
}
