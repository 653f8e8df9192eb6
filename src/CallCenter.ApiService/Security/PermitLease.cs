namespace CallCenter.ApiService.Security;

/// <summary>
/// The arithmetic of a per-minute budget shared through Redis: each replica leases permits in chunks, so most
/// requests are counted in memory. Redis counts what was asked; a lease gets only what was still left under the
/// limit, so the replicas together never admit more than the limit. Chunks shrink as the budget runs out, so what
/// one replica holds unused while another refuses is at most a few permits.
/// </summary>
public static class PermitLease
{
    /// <summary>The largest lease: one Redis round trip per this many requests at full speed.</summary>
    public const int MaxChunk = 64;

    /// <summary>
    /// With fewer permits than this left of its leases, a replica leases the next chunk while it keeps admitting, so
    /// requests do not queue behind the round trip: at 64 a chunk, half a chunk covers a few milliseconds of full speed.
    /// Only while full chunks are left (<see cref="LeasedAllowance.RunningLow"/>).
    /// </summary>
    public const int LeaseAheadBelow = MaxChunk / 2;

    /// <summary>How many permits to ask for, knowing <paramref name="usedSeen"/> of <paramref name="limit"/> were counted at the last lease.</summary>
    public static int Size(int limit, long usedSeen, int wanted)
    {
        var left = Math.Max(0, limit - usedSeen);
        return (int)Math.Max(wanted, Math.Min(MaxChunk, left / 8));
    }

    /// <summary>Of <paramref name="asked"/> permits, how many are granted when Redis's count is <paramref name="usedAfter"/> once they were added.</summary>
    public static int Granted(int asked, long usedAfter, int limit) =>
        (int)Math.Clamp(limit - (usedAfter - asked), 0, asked);

    /// <summary>The window a moment falls in (minutes since the epoch), and when it ends.</summary>
    public static long WindowOf(DateTimeOffset now) => now.ToUnixTimeMilliseconds() / 60_000;

    public static TimeSpan UntilWindowEnds(DateTimeOffset now) =>
        TimeSpan.FromMilliseconds(60_000 - (now.ToUnixTimeMilliseconds() % 60_000));
}
