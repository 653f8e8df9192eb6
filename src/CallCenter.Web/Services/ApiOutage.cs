namespace CallCenter.Web.Services;

/// <summary>
/// Remembers for a moment that the API hung. A hung API costs a whole timeout; a page that checks its sign-in and
/// then reads its data would wait it out twice, so the requests right after one that timed out fail at once.
/// A refused connection or a 503 fails fast by itself and is not remembered.
/// </summary>
public sealed class ApiOutage(TimeProvider time)
{
    /// <summary>Shorter than the unavailable page's first wait, so its first retry meets the API itself.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromSeconds(1);

    private long _hungUntil;

    public bool RecentlyHung => time.GetTimestamp() < Volatile.Read(ref _hungUntil);

    public void Hung() => Volatile.Write(ref _hungUntil, time.GetTimestamp() + (long)(Memory.TotalSeconds * time.TimestampFrequency));
}
