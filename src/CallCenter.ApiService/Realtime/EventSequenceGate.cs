namespace CallCenter.ApiService.Realtime;

/// <summary>
/// Puts committed events back in the stream's order: events offered twice, late or out of order are let through
/// strictly id by id, and a missing id holds everything after it until someone (usually PostgreSQL) brings it.
/// Not thread-safe: the feed's one reading loop owns it; only <see cref="Last"/> is read elsewhere.
/// </summary>
public sealed class EventSequenceGate
{
    private readonly SortedDictionary<long, LiveEvent> _waiting = [];
    private long _last;

    /// <summary>The id of the last event let through; nothing at or below it is let through again.</summary>
    public long Last => Volatile.Read(ref _last);

    /// <summary>How many events wait behind a missing id.</summary>
    public int Waiting => _waiting.Count;

    public bool Holds(long id) => _waiting.ContainsKey(id);

    /// <summary>Where the stream stood when the feed started: events up to here were committed before anyone listened.</summary>
    public void StartAfter(long last) => Volatile.Write(ref _last, last);

    /// <summary>An event someone says was committed: it and whatever waited behind it go to <paramref name="deliver"/> if it is next.</summary>
    public void Offer(LiveEvent liveEvent, Action<LiveEvent> deliver)
    {
        if (liveEvent.Id <= _last)
        {
            return;
        }

        _waiting.TryAdd(liveEvent.Id, liveEvent);
        Release(deliver);
    }

    /// <summary>
    /// Events read from the store after <see cref="Last"/>, which fill any gap; returns how many of those let
    /// through had not been offered, i.e. what Redis did not bring.
    /// </summary>
    public int CatchUp(IEnumerable<LiveEvent> batch, Action<LiveEvent> deliver)
    {
        var missed = 0;
        foreach (var liveEvent in batch)
        {
            if (liveEvent.Id == _last + 1)
            {
                if (!_waiting.Remove(liveEvent.Id))
                {
                    missed++;
                }

                Pass(liveEvent, deliver);
            }
        }

        // Nothing at or below Last is ever kept waiting: an event passed from the batch leaves the waiting list too.
        Release(deliver);
        return missed;
    }

    private void Release(Action<LiveEvent> deliver)
    {
        while (_waiting.Remove(_last + 1, out var next))
        {
            Pass(next, deliver);
        }
    }

    // Last moves before delivering, as the feed's subscribers read it (under the feed's lock) as "already sent".
    private void Pass(LiveEvent liveEvent, Action<LiveEvent> deliver)
    {
        Volatile.Write(ref _last, liveEvent.Id);
        deliver(liveEvent);
    }
}
