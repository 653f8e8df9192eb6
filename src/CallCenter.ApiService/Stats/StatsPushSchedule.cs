namespace CallCenter.ApiService.Stats;

/// <summary>
/// When this replica should try to push the floor's figures: once a floor event has come after the one the last push
/// covered, and no sooner than the push interval after that push. Every replica keeps one; the claim in PostgreSQL
/// (<see cref="LiveStats"/>) applies the same rule to the shared last push, so this only says when trying is worth it.
/// </summary>
public sealed class StatsPushSchedule(TimeSpan interval, TimeProvider clock)
{
    /// <summary>The last floor event this replica has seen.</summary>
    public long SeenEventId { get; private set; }

    /// <summary>The floor event the last push (this replica's or another's) covered.</summary>
    public long CoveredEventId { get; private set; }

    public DateTime LastPushAt { get; private set; } = DateTime.MinValue;

    public void Saw(long eventId) => SeenEventId = Math.Max(SeenEventId, eventId);

    /// <summary>A push made here, or the one a lost claim found in PostgreSQL.</summary>
    public void Pushed(long coveredEventId, DateTime at)
    {
        CoveredEventId = Math.Max(CoveredEventId, coveredEventId);
        LastPushAt = at > LastPushAt ? at : LastPushAt;
    }

    /// <summary>Null while nothing moved since the last push; otherwise how long to wait before trying (zero: now).</summary>
    public TimeSpan? Wait()
    {
        if (SeenEventId <= CoveredEventId)
        {
            return null;
        }

        var due = LastPushAt == DateTime.MinValue ? DateTime.MinValue : LastPushAt + interval;
        var now = clock.GetUtcNow().UtcDateTime;
        return due > now ? due - now : TimeSpan.Zero;
    }
}
