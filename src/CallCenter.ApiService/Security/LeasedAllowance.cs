namespace CallCenter.ApiService.Security;

/// <summary>
/// One replica's share of a per-minute budget, without the Redis round trip: what it may still admit from memory
/// in the current window, and what to lease next. Not thread-safe; <see cref="SharedWindowLimiter"/> locks around it.
/// </summary>
public sealed class LeasedAllowance(int limit)
{
    private long _window = -1;
    private int _allowance;
    private long _usedSeen;

    public enum Decision
    {
        Admit,
        Refuse,
        Lease,
    }

    /// <summary>Admits from the allowance, refuses once Redis said the window's budget is spent, or asks for a lease.</summary>
    public Decision Take(DateTimeOffset now, int permits)
    {
        var window = PermitLease.WindowOf(now);
        if (window != _window)
        {
            // Permits leased in a window that is over are gone with it.
            (_window, _allowance, _usedSeen) = (window, 0, 0);
        }

        if (_allowance >= permits)
        {
            _allowance -= permits;
            return Decision.Admit;
        }

        return _usedSeen >= limit ? Decision.Refuse : Decision.Lease;
    }

    /// <summary>
    /// Worth leasing the next chunk already: the allowance is running out and Redis had at least eight full chunks
    /// left at the last lease. A lease ahead is counted in Redis like any other, so it never lets the replicas admit
    /// more than the limit. Smaller chunks do not lift the allowance past half a chunk, so leasing them ahead would
    /// stack one on every request: near the budget's end each replica would hold permits that the others then refuse
    /// (four replicas admitted 36 of a budget of 40 that way). Only full speed needs the lease ahead.
    /// </summary>
    public bool RunningLow =>
        _window >= 0 && _allowance < PermitLease.LeaseAheadBelow && PermitLease.Size(limit, _usedSeen, 1) == PermitLease.MaxChunk;

    /// <summary>The window a lease asked now is for, and how many permits to ask.</summary>
    public (long Window, int Asked) NextLease(int permits) => (_window, PermitLease.Size(limit, _usedSeen, permits));

    /// <summary>Redis counted <paramref name="usedAfter"/> once the lease was added; a lease for a window that ended is dropped.</summary>
    public void Leased(long window, int asked, long usedAfter)
    {
        if (window == _window)
        {
            _usedSeen = usedAfter;
            _allowance += PermitLease.Granted(asked, usedAfter, limit);
        }
    }
}
