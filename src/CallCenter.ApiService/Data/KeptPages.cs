using System.Diagnostics.CodeAnalysis;

namespace CallCenter.ApiService.Data;

/// <summary>
/// The last body of each page with the mark its read began at: a read that finds the same mark again answers with the
/// kept body instead of reading, for at most <c>reuseFor</c> after the kept read began (a page's time-derived fields
/// are as of its read). Keeps at most <c>capacity</c> pages: a client walking every offset cannot fill the memory.
/// </summary>
/// <remarks>
/// Callers keep what one read of a key found, one read of a key at a time (<see cref="CollapsedReads{TKey, TValue}"/>),
/// and read the mark before the page, so a kept page is never older than its mark.
/// </remarks>
public sealed class KeptPages(TimeSpan reuseFor, TimeProvider clock, int capacity = 256)
{
    private readonly Dictionary<object, Kept> _pages = [];
    private readonly Lock _gate = new();

    private sealed record Kept(object Mark, long ReadFrom, byte[] Body);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pages.Count;
            }
        }
    }

    /// <summary>The page kept for <paramref name="key"/>, if it was read at <paramref name="mark"/> recently enough.</summary>
    public bool TryReuse(object key, object mark, [NotNullWhen(true)] out byte[]? body)
    {
        lock (_gate)
        {
            if (_pages.TryGetValue(key, out var kept) && Fresh(kept) && kept.Mark.Equals(mark))
            {
                body = kept.Body;
                return true;
            }
        }

        body = null;
        return false;
    }

    /// <summary>Keeps a page read after <paramref name="mark"/> was read, which was at <paramref name="readFrom"/> (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public void Keep(object key, object mark, long readFrom, byte[] body)
    {
        if (reuseFor <= TimeSpan.Zero)
        {
            return;
        }

        lock (_gate)
        {
            if (!_pages.ContainsKey(key) && _pages.Count >= capacity)
            {
                MakeRoom();
            }

            _pages[key] = new Kept(mark, readFrom, body);
        }
    }

    private bool Fresh(Kept kept) => clock.GetElapsedTime(kept.ReadFrom) < reuseFor;

    /// <summary>Drops the pages too old to answer, or else the oldest one.</summary>
    private void MakeRoom()
    {
        foreach (var (key, kept) in _pages)
        {
            if (!Fresh(kept))
            {
                _pages.Remove(key);
            }
        }

        if (_pages.Count >= capacity)
        {
            _pages.Remove(_pages.MinBy(page => page.Value.ReadFrom).Key);
        }
    }
}
