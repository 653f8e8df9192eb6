namespace CallCenter.ApiService.Stats;

/// <summary>What happened on the floor over some range, as read from the event and activity log: the figures' input.</summary>
public sealed record FloorHistory(IReadOnlyList<QueueVisit> Visits, IReadOnlyList<ActivitySpan> Spans, IReadOnlyList<HandledCall> HandledCalls)
{
    public static readonly FloorHistory Empty = new([], [], []);
}
