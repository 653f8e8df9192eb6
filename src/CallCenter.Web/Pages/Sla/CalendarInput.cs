using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CallCenter.Web.Services;

namespace CallCenter.Web.Pages.Sla;

/// <summary>
/// A calendar as a form: each weekday's hours as text ("08:00-12:00, 13:00-17:00"), holidays one a line
/// ("2026-09-23 National Day"), and an iCalendar file's holidays to add.
/// </summary>
public sealed class CalendarInput
{
    [StringLength(64)]
    [Display(Name = "Calendar id")]
    public string? CalendarId { get; set; }

    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(100)]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter a time zone, such as Asia/Riyadh.")]
    [StringLength(64)]
    [Display(Name = "Time zone")]
    public string? TimeZone { get; set; }

    /// <summary>Per weekday (sunday … saturday); blank is closed.</summary>
    public Dictionary<string, string?> Hours { get; set; } = SlaKinds.Weekdays.ToDictionary(day => day, _ => (string?)null);

    [Display(Name = "Holidays (one a line: date and name)")]
    public string? Holidays { get; set; }

    [Display(Name = "Add holidays from an iCalendar file (.ics)")]
    public IFormFile? HolidayFile { get; set; }

    [Display(Name = "Or paste its text")]
    public string? HolidayText { get; set; }

    public static CalendarInput From(BusinessCalendar calendar) => new()
    {
        CalendarId = calendar.CalendarId,
        Name = calendar.Name,
        TimeZone = calendar.TimeZone,
        Hours = SlaKinds.Weekdays.ToDictionary(
            day => day,
            day => calendar.Hours.TryGetValue(day, out var spans) ? string.Join(", ", spans.Select(span => $"{span.Start}-{span.End}")) : null),
        Holidays = string.Join('\n', calendar.Holidays.Select(holiday =>
            $"{holiday.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {holiday.Name}")),
    };

    /// <summary>
    /// The API's request; what cannot be read is told to <paramref name="errors"/> instead: the field's key, a
    /// <see cref="Localization.UiText"/> template and the text it quotes.
    /// </summary>
    public object ToApi(Action<string, string, string> errors, bool creating)
    {
        var hours = new Dictionary<string, List<OpeningSpan>>();
        foreach (var (day, text) in Hours.Where(day => SlaKinds.Weekdays.Contains(day.Key)))
        {
            var spans = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(span => span.Split('-', StringSplitOptions.TrimEntries))
                .ToList();
            if (spans.Any(span => span.Length != 2))
            {
                errors(HoursKey(day), "Write each span as 08:00-17:00, separated by commas.", text ?? "");
            }

            hours[day] = [.. spans.Where(span => span.Length == 2).Select(span => new OpeningSpan(span[0], span[1]))];
        }

        var holidays = new List<Holiday>();
        foreach (var line in (Holidays ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                holidays.Add(new Holiday(date, parts.Length > 1 ? parts[1] : ""));
            }
            else
            {
                errors(HolidaysKey, "\"{0}\" does not start with a date like 2026-09-23.", line);
            }
        }

        return new { calendar_id = creating ? CalendarId?.Trim() : null, name = Name?.Trim(), time_zone = TimeZone?.Trim(), hours, holidays };
    }

    /// <summary>The API's field names for what this form sent (<c>hours.monday[0].start</c> …), each mapped to its box.</summary>
    public IReadOnlyDictionary<string, string> ApiFields()
    {
        var fields = new Dictionary<string, string>
        {
            ["calendar_id"] = $"{Prefix}.{nameof(CalendarId)}",
            ["name"] = $"{Prefix}.{nameof(Name)}",
            ["time_zone"] = $"{Prefix}.{nameof(TimeZone)}",
            ["hours"] = HoursKey(SlaKinds.Weekdays[0]),
            ["holidays"] = HolidaysKey,
            ["icalendar"] = $"{Prefix}.{nameof(HolidayText)}",
        };
        foreach (var (day, text) in Hours)
        {
            fields[$"hours.{day}"] = HoursKey(day);
            for (var index = 0; index <= (text ?? "").Count(c => c == ','); index++)
            {
                fields[$"hours.{day}[{index}].start"] = HoursKey(day);
                fields[$"hours.{day}[{index}].end"] = HoursKey(day);
            }
        }

        for (var index = 0; index < (Holidays ?? "").Split('\n').Length; index++)
        {
            fields[$"holidays[{index}].name"] = HolidaysKey;
            fields[$"holidays[{index}].date"] = HolidaysKey;
        }

        return fields;
    }

    private const string Prefix = nameof(CalendarModel.Input);

    public static string HoursKey(string day) => $"{Prefix}.{nameof(Hours)}[{day}]";

    private const string HolidaysKey = $"{Prefix}.{nameof(Holidays)}";
}
