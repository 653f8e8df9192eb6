namespace CallCenter.ApiService.Stats;

/// <summary>
/// Finds, by binary search, the windows an instant or a span falls in, so a month of 15-minute buckets costs a
/// logarithm per event instead of a pass per bucket. Windows must be in order and not overlap (gaps are fine). Each
/// window's snapshot — where "calls waiting" is read — is its end, or now when that comes first.
/// </summary>
internal sealed class WindowLookup
{
    private readonly IReadOnlyList<StatsWindow> _windows;
    private readonly DateTime[] _snapshots;

    public WindowLookup(IReadOnlyList<StatsWindow> windows, DateTime now)
    {
        for (var index = 1; index < windows.Count; index++)
        {
            if (windows[index].Start < windows[index - 1].End)
            {
                throw new StatsRuleException(nameof(windows), "must be in order and must not overlap.");
            }
        }

        _windows = windows;
        _snapshots = [.. windows.Select(window => window.End < now ? window.End : now)];
    }

    /// <summary>The window holding <paramref name="instant"/>, or -1.</summary>
    public int IndexOf(DateTime instant)
    {
        var index = First(index => _windows[index].End > instant);
        return index < _windows.Count && _windows[index].Start <= instant ? index : -1;
    }

    /// <summary>Each window <c>[start, end)</c> overlaps, with how long.</summary>
    public IEnumerable<(int Index, TimeSpan Overlap)> Overlaps(DateTime start, DateTime end)
    {
        for (var index = First(index => _windows[index].End > start); index < _windows.Count && _windows[index].Start < end; index++)
        {
            var window = _windows[index];
            var overlap = (end < window.End ? end : window.End) - (start > window.Start ? start : window.Start);
            if (overlap > TimeSpan.Zero)
            {
                yield return (index, overlap);
            }
        }
    }

    /// <summary>Each window whose snapshot falls in <c>[from, until)</c>, <paramref name="until"/> null meaning still open.</summary>
    public IEnumerable<(int Index, DateTime Snapshot)> SnapshotsWithin(DateTime from, DateTime? until)
    {
        for (var index = First(index => _snapshots[index] >= from); index < _snapshots.Length && !(until <= _snapshots[index]); index++)
        {
            yield return (index, _snapshots[index]);
        }
    }

    /// <summary>The first index where <paramref name="reached"/> holds; it must hold from there on.</summary>
    private int First(Func<int, bool> reached)
    {
        var (low, high) = (0, _windows.Count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (reached(middle))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
