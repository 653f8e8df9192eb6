using System.Globalization;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// The center's days, in its time zone (<c>CallCenter:TimeZone</c>): when a local date starts as a UTC instant. A day
/// starts at local midnight; where the clocks jump over midnight it starts when they land, and where midnight happens
/// twice it starts at the first, so consecutive days always meet and a DST day lasts 23 or 25 hours.
/// </summary>
public sealed class CenterCalendar(TimeZoneInfo zone)
{
    /// <summary>Every zone's offset lies within this of UTC, so local midnight is within it of UTC midnight.</summary>
    private static readonly TimeSpan WidestOffset = TimeSpan.FromHours(15);

    public TimeZoneInfo Zone => zone;

    public static CenterCalendar For(string timeZoneId, string field = "TimeZone") =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found)
            ? new CenterCalendar(found)
            : throw new StatsRuleException(field, $"'{timeZoneId}' is not a known time zone.");

    /// <summary>
    /// An instant a client wrote in ISO 8601: with <c>Z</c> or an offset it is that instant; without one it is the
    /// center's wall clock, so <c>from=2026-03-01</c> means the center's midnight. A wall-clock time the clocks skip
    /// is refused, not guessed.
    /// </summary>
    public DateTime Instant(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new StatsRuleException(field, "is required (ISO 8601, e.g. 2026-03-01T08:00:00Z).");
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            throw new StatsRuleException(field, $"'{text}' is not an ISO 8601 date and time.");
        }

        if (parsed.Kind != DateTimeKind.Unspecified)
        {
            return parsed.ToUniversalTime();
        }

        return zone.IsInvalidTime(parsed)
            ? throw new StatsRuleException(field, $"'{text}' does not happen on the center's clock ({zone.Id}); the clocks skip it.")
            : TimeZoneInfo.ConvertTimeToUtc(parsed, zone);
    }

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(LocalTime(utc));

    public DateTime LocalTime(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>The first instant of <paramref name="date"/> in the center's zone, UTC.</summary>
    public DateTime DayStart(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        if (zone.IsAmbiguousTime(midnight))
        {
            return DateTime.SpecifyKind(midnight - zone.GetAmbiguousTimeOffsets(midnight).Max(), DateTimeKind.Utc);
        }

        return zone.IsInvalidTime(midnight) ? FirstInstantOf(date, midnight) : TimeZoneInfo.ConvertTimeToUtc(midnight, zone);
    }

    public DateTime DayStartOf(DateTime utc) => DayStart(LocalDate(utc));

    /// <summary>Midnight fell in a gap: search for the instant the clocks land on the date, to the tick.</summary>
    private DateTime FirstInstantOf(DateOnly date, DateTime midnight)
    {
        var before = DateTime.SpecifyKind(midnight - WidestOffset, DateTimeKind.Utc);
        var onDate = DateTime.SpecifyKind(midnight + WidestOffset, DateTimeKind.Utc);
        while ((onDate - before).Ticks > 1)
        {
            var middle = before + ((onDate - before) / 2);
            if (LocalDate(middle) >= date)
            {
                onDate = middle;
            }
            else
            {
                before = middle;
            }
        }

        return onDate;
    }
}
