using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Sla;

/// <summary>Working hours as local times, <c>"08:00"</c> to <c>"17:00"</c>; <c>"24:00"</c> ends a day.</summary>
public sealed record OpeningSpan(string Start, string End);

/// <summary>A business-hours calendar as the API shows and stores it.</summary>
public sealed record CalendarDefinition
{
    public string CalendarId { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>An IANA time zone, such as <c>Asia/Riyadh</c>.</summary>
    public string TimeZone { get; init; } = "";

    /// <summary>Per weekday (<c>sunday</c> … <c>saturday</c>); a weekday left out is closed.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<OpeningSpan>> Hours { get; init; } = new Dictionary<string, IReadOnlyList<OpeningSpan>>();

    public IReadOnlyList<Holiday> Holidays { get; init; } = [];

    public DateTime UpdatedAt { get; init; }

    /// <summary>The calendar to count with; the definition was checked by <see cref="CalendarRules"/> when stored.</summary>
    public BusinessCalendar ToCalendar() => new(
        TimeZoneInfo.FindSystemTimeZoneById(TimeZone),
        Hours.ToDictionary(
            day => Enum.Parse<DayOfWeek>(day.Key, ignoreCase: true),
            day => (IReadOnlyList<BusinessSpan>)[.. day.Value.Select(span => new BusinessSpan(CalendarRules.Minute(span.Start)!.Value, CalendarRules.Minute(span.End)!.Value))]),
        Holidays.Select(holiday => holiday.Date));
}

public sealed class CalendarRequest : IApiRequest
{
    /// <summary>Given when creating; lower-case letters, digits, <c>-</c> and <c>_</c>.</summary>
    [StringLength(64, MinimumLength = 1)]
    public string? CalendarId { get; init; }

    [Required, StringLength(100, MinimumLength = 1)]
    public string? Name { get; init; }

    [Required, StringLength(64, MinimumLength = 1)]
    public string? TimeZone { get; init; }

    [Required]
    public Dictionary<string, List<OpeningSpan>>? Hours { get; init; }

    public List<Holiday>? Holidays { get; init; }

    public static ValueTask<CalendarRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<CalendarRequest>(context);
}

/// <summary>An iCalendar file's all-day events added to a calendar's holidays.</summary>
public sealed class HolidayImportRequest : IApiRequest
{
    /// <summary>The text of an iCalendar (<c>.ics</c>) file.</summary>
    [Required, StringLength(1_000_000, MinimumLength = 1)]
    public string? Icalendar { get; init; }

    public static ValueTask<HolidayImportRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<HolidayImportRequest>(context);
}
