using CallCenter.ApiService.Sla;

namespace CallCenter.UnitTests.Sla;

/// <summary>Calendars and instants the business-time tests share.</summary>
internal static class Calendars
{
    public static readonly TimeZoneInfo Riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>The demo calendar: Sunday–Thursday 08:00–17:00 in Riyadh (UTC+3 all year, so 05:00–14:00 UTC).</summary>
    public static BusinessCalendar RiyadhWeek(params DateOnly[] holidays) =>
        new(Riyadh, Days([DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday], Span(8, 17)), holidays);

    public static Dictionary<DayOfWeek, IReadOnlyList<BusinessSpan>> Days(DayOfWeek[] days, params BusinessSpan[] spans) =>
        days.ToDictionary(day => day, IReadOnlyList<BusinessSpan> (_) => spans);

    public static Dictionary<DayOfWeek, IReadOnlyList<BusinessSpan>> EveryDay(params BusinessSpan[] spans) => Days(Enum.GetValues<DayOfWeek>(), spans);

    public static BusinessSpan Span(int fromHour, int toHour) => new(fromHour * 60, toHour * 60);

    public static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>Riyadh wall-clock time as the UTC instant it names.</summary>
    public static DateTime RiyadhTime(int year, int month, int day, int hour, int minute = 0) => Utc(year, month, day, hour, minute).AddHours(-3);
}
