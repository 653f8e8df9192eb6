using System.Diagnostics.CodeAnalysis;

namespace CallCenter.ApiService.Data;

/// <summary>
/// The last body of each page with the mark its read began at: a read that finds the same mark again answers with the
/// kept body instead of reading, for at most <c>reuseFor</c> after the kept read began (a page's time-derived fields
/// are as of its read). Keeps at most <c>capacityBytes</c> of bodies, dropping pages too old to answer first and then
/// the oldest: a client walking every offset cannot fill the memory, and an idle replica holds nothing for long.
/// </summary>
/// <remarks>
/// Callers keep what one read of a key found, one read of a key at a time (<see cref="CollapsedReads{TKey, TValue}"/>),
/// and read the mark before the page, so a kept page is never older than its mark.
/// </remarks>
public sealed class KeptPages(TimeSpan reuseFor, TimeProvider clock, long capacityBytes = KeptPages.DefaultCapacityBytes)
{
    /// <summary>About a hundred pages of fifty tickets.</summary>
    public const long DefaultCapacityBytes = 8 * 1024 * 1024;

    private readonly Dictionary<object, Kept> _pages = [];
    private readonly Lock _gate = new();
    private long _bytes;

    private sealed record Kept(object Mark, long ReadFrom, byte[] Body);

    /// <summary>Whether pages are kept at all (<c>reuseFor</c> above zero): if not, a mark is not worth reading.</summary>
    public bool Keeps => reuseFor > TimeSpan.Zero;

    /// <summary>The bytes of the bodies kept now.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The page kept for <paramref name="key"/>, if it was read at <paramref name="mark"/> recently enough.</summary>
    public bool TryReuse(object key, object mark, [NotNullWhen(true)] out byte[]? body)
    {
        lock (_gate)
        {
            if (_pages.TryGetValue(key, out var kept))
            {
                if (Fresh(kept) && kept.Mark.Equals(mark))
                {
                    body = kept.Body;
                    return true;
                }

                // Not answered again: its read is about to replace it.
                Drop(key, kept);
            }
        }

        body = null;
        return false;
    }

    /// <summary>Keeps a page read after <paramref name="mark"/> was read, which was at <paramref name="readFrom"/> (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public void Keep(object key, object mark, long readFrom, byte[] body)
    {
        if (!Keeps || body.Length > capacityBytes)
        {
            return;
        }

        lock (_gate)
        {
            if (_pages.TryGetValue(key, out var replaced))
            {
                Drop(key, replaced);
            }

            foreach (var (stale, kept) in _pages)
            {
                if (!Fresh(kept))
                {
                    Drop(stale, kept);
                }
            }

            while (_bytes + body.Length > capacityBytes)
            {
                var oldest = _pages.MinBy(page => page.Value.ReadFrom);
                Drop(oldest.Key, oldest.Value);
            }

            _pages[key] = new Kept(mark, readFrom, body);
            _bytes += body.Length;
        }
    }

    private bool Fresh(Kept kept) => clock.GetElapsedTime(kept.ReadFrom) < reuseFor;

    private void Drop(object key, Kept kept)
    {
        _pages.Remove(key);
        _bytes -= kept.Body.Length;
    }
}
