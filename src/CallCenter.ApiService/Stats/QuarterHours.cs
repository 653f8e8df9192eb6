namespace CallCenter.ApiService.Stats;

/// <summary>
/// The grid figures are stored on: UTC quarter-hours. Every time zone in use is offset from UTC by a whole number of
/// quarter-hours, so each 15m, 1h and 1d interval of the center's clock is a run of them and its figures are the
/// stored quarters joined; a window off the grid (a historic local mean time, say) is simply counted from the history.
/// A quarter is stored once it is <em>settled</em>: ended a minute ago at least (a write stamped inside it has
/// committed), with none of the calls that entered a queue in it still waiting. Nothing can change it after that.
/// </summary>
public static class QuarterHours
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);

    /// <summary>Longer than any transaction that stamps a time takes to commit.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(1);

    public static bool IsOn(DateTime instant) => instant.Ticks % Length.Ticks == 0;

    public static DateTime Floor(DateTime instant) => new(instant.Ticks - (instant.Ticks % Length.Ticks), DateTimeKind.Utc);

    /// <summary>The quarters that make up <paramref name="window"/>, or null when it is not on the grid.</summary>
    public static IReadOnlyList<StatsWindow>? Of(StatsWindow window) =>
        IsOn(window.Start) && IsOn(window.End) ? Between(window.Start, window.End) : null;

    /// <summary>The quarters from <paramref name="start"/> (on the grid) up to <paramref name="end"/>.</summary>
    public static IReadOnlyList<StatsWindow> Between(DateTime start, DateTime end)
    {
        var quarters = new List<StatsWindow>();
        for (var quarter = start; quarter < end; quarter += Length)
        {
            quarters.Add(new StatsWindow(quarter, quarter + Length));
        }

        return quarters;
    }

    /// <summary>
    /// Which of <paramref name="quarters"/> are settled at <paramref name="now"/>, judged from a history that holds every
    /// visit entering in them.
    /// </summary>
    public static bool[] Settled(IReadOnlyList<StatsWindow> quarters, FloorHistory history, DateTime now)
    {
        var stillWaiting = history.Visits
            .Where(visit => visit.Outcome == VisitOutcome.Waiting)
            .Select(visit => Floor(visit.EnteredAt))
            .ToHashSet();
        return [.. quarters.Select(quarter => quarter.End <= now - SettleTime && !stillWaiting.Contains(quarter.Start))];
    }

    /// <summary>Quarter starts (in order) joined into runs of consecutive quarters.</summary>
    public static IEnumerable<StatsWindow> Runs(IEnumerable<DateTime> starts) => Joined(starts.Select(start => new StatsWindow(start, start + Length)));

    /// <summary>Windows (in order, not overlapping) joined where one ends as the next starts.</summary>
    public static IEnumerable<StatsWindow> Joined(IEnumerable<StatsWindow> windows)
    {
        StatsWindow? run = null;
        foreach (var window in windows)
        {
            if (run is not null && run.End != window.Start)
            {
                yield return run;
                run = null;
            }

            run = new StatsWindow(run?.Start ?? window.Start, window.End);
        }

        if (run is not null)
        {
            yield return run;
        }
    }
}
