namespace CallCenter.ApiService.Stats;

/// <summary>
/// The buckets of a report: whole intervals of the center's local clock covering <c>[from, to)</c>, so the first and
/// last bucket may reach outside the range rather than be cut short. A 1d bucket is a local day; 15m and 1h buckets
/// step from the local day's start, so they sit on the local quarter hour and hour (a 23-hour day has 23 hourly
/// buckets, a 25-hour day 25). Asking for more than <see cref="MaxBuckets"/> is refused rather than computed.
/// </summary>
public sealed class IntervalGrid(CenterCalendar calendar)
{
    /// <summary>About 104 days of 15-minute buckets: beyond that a report is a bulk export, not a page.</summary>
    public const int MaxBuckets = 10_000;

    /// <summary>DateOnly stops at year 9999 and the zone's offset must still fit, so keep a day clear of both ends.</summary>
    private static readonly DateTime Earliest = DateTime.MinValue.AddDays(2);

    private static readonly DateTime Latest = DateTime.MaxValue.AddDays(-2);

    public IReadOnlyList<StatsWindow> Buckets(DateTime from, DateTime to, StatsInterval interval)
    {
        if (from < Earliest || from > Latest)
        {
            throw new StatsRuleException(nameof(from), "is outside the calendar.");
        }

        if (to < Earliest || to > Latest)
        {
            throw new StatsRuleException(nameof(to), "is outside the calendar.");
        }

        if (from >= to)
        {
            throw new StatsRuleException(nameof(from), "must be before to.");
        }

        var buckets = new List<StatsWindow>();
        var date = calendar.LocalDate(from);
        var dayStart = calendar.DayStart(date);
        while (dayStart < to)
        {
            date = date.AddDays(1);
            var dayEnd = calendar.DayStart(date);
            var step = interval == StatsInterval.Day ? dayEnd - dayStart : interval.Step;
            for (var start = dayStart; start < dayEnd && start < to; start += step)
            {
                var end = start + step < dayEnd ? start + step : dayEnd;
                if (end <= from)
                {
                    continue;
                }

                if (buckets.Count == MaxBuckets)
                {
                    throw new StatsRuleException(nameof(to), $"the range holds more than {MaxBuckets} {interval.Name} intervals.");
                }

                buckets.Add(new StatsWindow(start, end));
            }

            dayStart = dayEnd;
        }

        return buckets;
    }
}
