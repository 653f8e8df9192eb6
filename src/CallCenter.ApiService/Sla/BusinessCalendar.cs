using System.Diagnostics;
using NodaTime;
using NodaTime.TimeZones;

namespace CallCenter.ApiService.Sla;

/// <summary>
/// Business hours in one time zone: how much open time lies between two instants, and when a business-time target
/// falls due. Pure: no clock, no I/O; exact to the tick.
/// </summary>
/// <remarks>
/// Each local day's spans become UTC intervals (<see cref="DayIntervals"/>) and everything walks those day by day: two
/// zone look-ups per span and day, never a step per minute. Local times map to instants monotonically (a boundary in a
/// spring-forward gap opens when the gap ends, one in a repeated autumn hour at its first occurrence), so the
/// intervals of successive days never overlap and a span crossing a change keeps its true elapsed length.
/// </remarks>
public sealed class BusinessCalendar
{
    private const int MinutesPerDay = 1440;

    // Ten years of days without open time means it will never open again: stop instead of spinning.
    private const int MaxClosedDays = 3653;

    private static readonly ZoneLocalMappingResolver BoundaryResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private readonly DateTimeZone zone;
    private readonly BusinessSpan[][] spansByWeekday;
    private readonly HashSet<DateOnly> holidays;

    // Every day whole and no holidays: open at every instant whatever the zone, so the arithmetic is plain subtraction.
    private readonly bool alwaysOpen;

    /// <param name="timeZone">The zone whose local days the hours and holidays are written in.</param>
    /// <param name="hours">Spans per weekday (a missing day is closed); spans may touch (they merge) but not overlap.</param>
    /// <param name="holidays">Local dates with no business hours at all.</param>
    public BusinessCalendar(TimeZoneInfo timeZone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<BusinessSpan>> hours, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(holidays);
        TimeZone = timeZone;
        zone = timeZone.ToNodaZone();
        spansByWeekday = [.. Enum.GetValues<DayOfWeek>().Select(day => hours.TryGetValue(day, out var spans) ? Normalize(day, spans) : [])];
        if (spansByWeekday.All(spans => spans.Length == 0))
        {
            throw new ArgumentException("The calendar has no business hours on any weekday.", nameof(hours));
        }

        this.holidays = [.. holidays];
        alwaysOpen = this.holidays.Count == 0 && spansByWeekday.All(spans => spans is [{ StartMinute: 0, EndMinute: MinutesPerDay }]);
    }

    /// <summary>Open around the clock in UTC, no holidays.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(
        TimeZoneInfo.Utc,
        Enum.GetValues<DayOfWeek>().ToDictionary(day => day, IReadOnlyList<BusinessSpan> (_) => [new BusinessSpan(0, MinutesPerDay)]),
        []);

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Whether <paramref name="utc"/> lies in business hours: a span's start is open, its end is not.</summary>
    public bool IsOpen(DateTime utc)
    {
        var instant = AsUtc(utc, nameof(utc));
        if (alwaysOpen)
        {
            return true;
        }

        // A clock going back across midnight puts an instant on one wall date and inside the next day's hours.
        var date = LocalDateOf(instant);
        return Enumerable.Range(-1, 3).Any(offset => DayIntervals(date.PlusDays(offset)).Any(interval => interval.Contains(instant)));
    }

    /// <summary>The instant at which <paramref name="businessTime"/> of open time after <paramref name="startUtc"/> is used up.</summary>
    /// <remarks>For a positive duration the result is inside an open interval or at its end, never inside closed time.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative.</exception>
    /// <exception cref="InvalidOperationException">The calendar has no open time for ten years (every working day a holiday).</exception>
    public DateTime Add(DateTime startUtc, TimeSpan businessTime)
    {
        var start = AsUtc(startUtc, nameof(startUtc));
        ArgumentOutOfRangeException.ThrowIfLessThan(businessTime, TimeSpan.Zero);
        if (businessTime == TimeSpan.Zero || alwaysOpen)
        {
            return start + businessTime;
        }

        var left = businessTime;
        foreach (var interval in OpenFrom(start))
        {
            if (interval.Length >= left)
            {
                return interval.Start + left;
            }

            left -= interval.Length;
        }

        throw new UnreachableException("OpenFrom either yields forever or throws.");
    }

    /// <summary>The open time within [<paramref name="fromUtc"/>, <paramref name="toUtc"/>); zero when the range is empty.</summary>
    public TimeSpan Between(DateTime fromUtc, DateTime toUtc)
    {
        var from = AsUtc(fromUtc, nameof(fromUtc));
        var to = AsUtc(toUtc, nameof(toUtc));
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        if (alwaysOpen)
        {
            return to - from;
        }

        var total = TimeSpan.Zero;
        // One day either side: a clock going back across midnight lets a day's hours start on the previous wall date.
        for (var date = LocalDateOf(from).PlusDays(-1); date <= LocalDateOf(to).PlusDays(1); date = date.PlusDays(1))
        {
            foreach (var interval in DayIntervals(date))
            {
                total += interval.Overlap(from, to);
            }
        }

        return total;
    }

    /// <summary>The next instant after <paramref name="utc"/> at which the calendar opens or closes, for a countdown.</summary>
    /// <returns>Null when it stays open for the next ten years, as <see cref="AlwaysOpen"/> does.</returns>
    /// <exception cref="InvalidOperationException">The calendar has no open time for ten years (every working day a holiday).</exception>
    public DateTime? NextChange(DateTime utc)
    {
        var instant = AsUtc(utc, nameof(utc));
        if (alwaysOpen)
        {
            return null;
        }

        var horizon = instant + TimeSpan.FromDays(MaxClosedDays);
        DateTime? openUntil = null;
        foreach (var interval in OpenFrom(instant))
        {
            if (openUntil is null && interval.Start > instant)
            {
                return interval.Start;
            }

            // Intervals that touch (a span to 24:00 and the next day's from 00:00) are one stretch of open time.
            if (openUntil is { } end && interval.Start > end)
            {
                return end;
            }

            openUntil = interval.End;
            if (openUntil > horizon)
            {
                return null;
            }
        }

        throw new UnreachableException("OpenFrom either yields forever or throws.");
    }

    // The open intervals that end after the instant, clipped to start no earlier than it, in order.
    private IEnumerable<Interval> OpenFrom(DateTime instant)
    {
        var closedDays = 0;
        // From the day before, as IsOpen and Between look: cheap, and safe whatever a zone does around midnight.
        for (var date = LocalDateOf(instant).PlusDays(-1); ; date = date.PlusDays(1))
        {
            var intervals = DayIntervals(date);
            closedDays = intervals.Count == 0 ? closedDays + 1 : 0;
            if (closedDays > MaxClosedDays)
            {
                throw new InvalidOperationException("The calendar has no business hours in the next ten years: every working day is a holiday.");
            }

            foreach (var interval in intervals.Where(interval => interval.End > instant))
            {
                yield return interval.Start > instant ? interval : interval with { Start = instant };
            }
        }
    }

    // A span wholly inside a spring-forward gap maps to no time at all and is left out.
    private List<Interval> DayIntervals(LocalDate date) =>
        holidays.Contains(date.ToDateOnly())
            ? []
            : [.. spansByWeekday[(int)date.ToDateOnly().DayOfWeek]
                .Select(span => new Interval(ToUtc(date, span.StartMinute), ToUtc(date, span.EndMinute)))
                .Where(interval => interval.End > interval.Start)];

    private DateTime ToUtc(LocalDate date, int minute) =>
        date.AtMidnight().PlusMinutes(minute).InZone(zone, BoundaryResolver).ToDateTimeUtc();

    private LocalDate LocalDateOf(DateTime utc) => Instant.FromDateTimeUtc(utc).InZone(zone).Date;

    private static DateTime AsUtc(DateTime value, string parameter) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => throw new ArgumentException("Expected a UTC instant, not a local time.", parameter),
    };

    private static BusinessSpan[] Normalize(DayOfWeek day, IReadOnlyList<BusinessSpan>? spans)
    {
        if (spans is null || spans.Any(span => span is null || span.StartMinute < 0 || span.StartMinute >= span.EndMinute || span.EndMinute > MinutesPerDay))
        {
            throw new ArgumentException($"{day}: every span needs 0 <= start < end <= {MinutesPerDay} minutes.", "hours");
        }

        var merged = new List<BusinessSpan>();
        foreach (var span in spans.OrderBy(span => span.StartMinute))
        {
            if (merged is [.., var last] && span.StartMinute < last.EndMinute)
            {
                throw new ArgumentException($"{day}: spans {last} and {span} overlap.", "hours");
            }

            if (merged is [.., var touching] && span.StartMinute == touching.EndMinute)
            {
                merged[^1] = touching with { EndMinute = span.EndMinute };
            }
            else
            {
                merged.Add(span);
            }
        }

        return [.. merged];
    }

    private readonly record struct Interval(DateTime Start, DateTime End)
    {
        public TimeSpan Length => End - Start;

        public bool Contains(DateTime instant) => Start <= instant && instant < End;

        public TimeSpan Overlap(DateTime from, DateTime to)
        {
            var start = Start > from ? Start : from;
            var end = End < to ? End : to;
            return end > start ? end - start : TimeSpan.Zero;
        }
    }
}
