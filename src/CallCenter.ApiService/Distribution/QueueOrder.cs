using CallCenter.ApiService.Calls;

namespace CallCenter.ApiService.Distribution;

/// <summary>
/// The order waiting calls are served in: effective priority, then time waiting (earliest <c>queued_at</c> first),
/// then call id so the order is total. With ageing a call climbs one priority level per <c>ageing</c> waited, up to
/// urgent, so a low call cannot wait forever behind a stream of higher ones. Without ageing this is the seed's
/// <c>position</c> order.
/// </summary>
public sealed class QueueOrder(TimeSpan? ageing)
{
    public int EffectiveRank(WaitingCall call, DateTime now)
    {
        var rank = Priority.Rank(call.Priority);
        if (ageing is not { } step || step <= TimeSpan.Zero || now <= call.QueuedAt)
        {
            return rank;
        }

        var levelsGained = (now - call.QueuedAt).Ticks / step.Ticks;
        return (int)Math.Min(Priority.TopRank, rank + levelsGained);
    }

    /// <summary>Negative when <paramref name="first"/> is served before <paramref name="second"/> at <paramref name="now"/>.</summary>
    public int Compare(WaitingCall first, WaitingCall second, DateTime now)
    {
        var byRank = EffectiveRank(second, now).CompareTo(EffectiveRank(first, now));
        if (byRank != 0)
        {
            return byRank;
        }

        var byWait = first.QueuedAt.CompareTo(second.QueuedAt);
        return byWait != 0 ? byWait : string.CompareOrdinal(first.CallId, second.CallId);
    }

    public IReadOnlyList<WaitingCall> Sort(IEnumerable<WaitingCall> calls, DateTime now) =>
        calls.Order(Comparer<WaitingCall>.Create((first, second) => Compare(first, second, now))).ToList();
}
