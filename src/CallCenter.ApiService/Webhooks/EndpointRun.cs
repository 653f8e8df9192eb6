using CallCenter.ApiService.Realtime;

namespace CallCenter.ApiService.Webhooks;

/// <summary>What a worker's look at an endpoint came to.</summary>
internal enum Progress
{
    /// <summary>Something was sent (or redelivered): look again at once.</summary>
    Sent,

    /// <summary>Nothing wanted is waiting: hold the endpoint for the feed's next event.</summary>
    CaughtUp,

    /// <summary>Disabled, waiting for a retry, or a delivery just failed: let the endpoint go.</summary>
    Stopped,
}

/// <summary>
/// One worker's hold on an endpoint: its row as last read, the cursor as far as this worker moved it (past unwanted
/// events it has not written yet), and its inbox on this replica's feed.
/// </summary>
internal sealed class EndpointRun(long endpointId, EventSubscriber feed)
{
    public long EndpointId { get; } = endpointId;

    public EventSubscriber Feed { get; } = feed;

    public DueEndpoint? Endpoint { get; private set; }

    public DateTimeOffset ReadAt { get; private set; }

    /// <summary>Every event up to this one was delivered, or is not wanted.</summary>
    public long Through { get; private set; }

    /// <summary>The cursor as stored.</summary>
    public long SavedThrough { get; private set; }

    public void Read(DueEndpoint endpoint, DateTimeOffset at)
    {
        Endpoint = endpoint;
        ReadAt = at;
        SavedThrough = endpoint.DeliveredThrough;
        Through = Math.Max(Through, endpoint.DeliveredThrough);
    }

    /// <summary>Reads the row again on the next look (a redelivery was sent: another may be queued).</summary>
    public void Forget() => Endpoint = null;

    public void Skipped(long through) => Through = Math.Max(Through, through);

    /// <summary>Deliveries answered 2xx whose cursor and log lines are not written yet, oldest first.</summary>
    public IReadOnlyList<(LiveEvent Event, DeliveryAttempt Attempt)> Held => _held;

    /// <summary>How far the held deliveries cover (the unwanted events among and after them included).</summary>
    public long HeldThrough { get; private set; }

    /// <summary>When the oldest held delivery was made.</summary>
    public DateTimeOffset HeldSince { get; private set; }

    private readonly List<(LiveEvent Event, DeliveryAttempt Attempt)> _held = [];

    public void Hold(IReadOnlyList<(LiveEvent Event, DeliveryAttempt Attempt)> delivered, long through, DateTimeOffset at)
    {
        if (_held.Count == 0)
        {
            HeldSince = at;
        }

        _held.AddRange(delivered);
        HeldThrough = Math.Max(HeldThrough, through);
        Through = Math.Max(Through, through);
    }

    /// <summary>The held deliveries are written: the cursor stands at <paramref name="through"/>.</summary>
    public void Saved(long through)
    {
        _held.Clear();
        Through = Math.Max(Through, through);
        SavedThrough = Math.Max(SavedThrough, through);
    }

    /// <summary>
    /// The feed's events after the cursor, in order, up to <paramref name="max"/> wanted ones, and how far they cover
    /// (unwanted ones included). Only once the cursor is past the inbox's start: before, the log has the events.
    /// </summary>
    public (IReadOnlyList<LiveEvent> Batch, long Through) Drain(int max)
    {
        var batch = new List<LiveEvent>();
        var through = Through;
        while (batch.Count < max && Feed.Inbox.TryRead(out var next))
        {
            if (next.Id <= through)
            {
                continue;
            }

            through = next.Id;
            if (Wants(next.Type))
            {
                batch.Add(next);
            }
        }

        return (batch, through);
    }

    private bool Wants(string type) => Endpoint!.EventTypes.Contains(WantedEvents.All) || Endpoint.EventTypes.Contains(type);
}
