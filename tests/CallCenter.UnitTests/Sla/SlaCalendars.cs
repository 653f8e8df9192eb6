using CallCenter.ApiService.Sla;

namespace CallCenter.UnitTests.Sla;

/// <summary>Calendars and instants the SLA clock tests share.</summary>
internal static class SlaCalendars
{
    /// <summary>Sunday–Thursday 08:00–17:00 in Riyadh (UTC+3, no daylight saving).</summary>
    public static readonly BusinessCalendar Riyadh = new(
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh"),
        new[] { DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday }
            .ToDictionary(day => day, _ => (IReadOnlyList<BusinessSpan>)[new BusinessSpan(8 * 60, 17 * 60)]),
        []);

    /// <summary>A Riyadh local time in the week of Sunday 2026-12-06, as UTC.</summary>
    public static DateTime Local(string dayAndTime) =>
        DateTime.SpecifyKind(DateTime.Parse($"2026-12-{dayAndTime}", System.Globalization.CultureInfo.InvariantCulture).AddHours(-3), DateTimeKind.Utc);

    public static SlaPolicy Policy(int firstResponse = 60, int nextResponse = 120, int resolution = 480, bool businessTime = true) => new()
    {
        PolicyId = "riyadh",
        Name = "Riyadh hours",
        CalendarId = "riyadh",
        WarningMinutes = 15,
        Targets = new Dictionary<string, IReadOnlyDictionary<string, SlaTerms>>
        {
            ["high"] = new Dictionary<string, SlaTerms>
            {
                [SlaKind.FirstResponse] = new(firstResponse, businessTime),
                [SlaKind.NextResponse] = new(nextResponse, businessTime),
                [SlaKind.Resolution] = new(resolution, businessTime),
            },
            ["urgent"] = new Dictionary<string, SlaTerms>
            {
                [SlaKind.FirstResponse] = new(firstResponse / 2, businessTime),
                [SlaKind.Resolution] = new(resolution / 2, businessTime),
            },
        },
    };
}
