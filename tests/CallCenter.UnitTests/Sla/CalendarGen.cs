using CallCenter.ApiService.Sla;
using CsCheck;

namespace CallCenter.UnitTests.Sla;

/// <summary>Random calendars and instants for the business-time properties, biased toward what breaks arithmetic:
/// daylight-saving days, boundaries on the half hour (where Lord Howe's 30-minute change lands), holidays.</summary>
internal static class CalendarGen
{
    // Beirut and Santiago change their clocks at midnight, where a local day's intervals reach into its neighbour's.
    private static readonly string[] ZoneIds =
        ["Europe/Berlin", "America/New_York", "Asia/Riyadh", "Australia/Lord_Howe", "UTC", "Asia/Beirut", "America/Santiago"];

    // Two years around both hemispheres' changes; the durations below reach a little past the end.
    private static readonly DateTime First = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int Days = 730;

    private static readonly Gen<int> Minute = Gen.OneOf(Gen.Int[0, 48].Select(halfHour => halfHour * 30), Gen.Int[0, 1440]);

    // Sorted distinct boundaries, paired off: always valid, non-overlapping spans.
    private static readonly Gen<IReadOnlyList<BusinessSpan>> DaySpans = Minute.Array[0, 6].Select(IReadOnlyList<BusinessSpan> (minutes) =>
        [.. minutes.Distinct().Order().Chunk(2).Where(pair => pair.Length == 2).Select(pair => new BusinessSpan(pair[0], pair[1]))]);

    /// <summary>A calendar open at least two hours a week, so that a day-and-a-half target ends within months.</summary>
    public static readonly Gen<BusinessCalendar> Calendar =
        Gen.Select(Gen.Int[0, ZoneIds.Length - 1].Select(index => ZoneIds[index]), DaySpans.Array[7], Gen.Int[0, Days].Array[0, 30])
            .Where((_, week, _) => week.Sum(spans => spans.Sum(span => span.EndMinute - span.StartMinute)) >= 120)
            .Select((zoneId, week, holidays) => new BusinessCalendar(
                TimeZoneInfo.FindSystemTimeZoneById(zoneId),
                Enum.GetValues<DayOfWeek>().ToDictionary(day => day, day => week[(int)day]),
                holidays.Select(day => DateOnly.FromDateTime(First).AddDays(day))));

    /// <summary>Any tick in the two years, a whole minute or a half hour: where span boundaries and zone changes fall.</summary>
    public static readonly Gen<DateTime> Instant = Gen.OneOf(
        Gen.Long[0, TimeSpan.FromDays(Days).Ticks].Select(ticks => First.AddTicks(ticks)),
        Gen.Int[0, Days * 1440].Select(minutes => First.AddMinutes(minutes)),
        Gen.Int[0, Days * 48].Select(halfHours => First.AddMinutes(halfHours * 30)));

    /// <summary>Up to a day and a half, in ticks, whole minutes or half hours: the last often use up a span exactly.</summary>
    public static readonly Gen<TimeSpan> Duration = Gen.OneOf(
        Gen.Long[1, TimeSpan.FromHours(36).Ticks].Select(TimeSpan.FromTicks),
        Gen.Int[1, 36 * 60].Select(minutes => TimeSpan.FromMinutes(minutes)),
        Gen.Int[1, 72].Select(halfHours => TimeSpan.FromMinutes(halfHours * 30)));
}
