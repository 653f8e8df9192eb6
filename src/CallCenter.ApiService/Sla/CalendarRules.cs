using System.Globalization;
using System.Text.RegularExpressions;

namespace CallCenter.ApiService.Sla;

/// <summary>What a calendar must be before it is stored: every fault named by its field, nothing stored.</summary>
public static partial class CalendarRules
{
    private static readonly string[] Weekdays = [.. Enum.GetNames<DayOfWeek>().Select(day => day.ToLowerInvariant())];

    /// <summary>Minutes from midnight of <c>HH:mm</c> (<c>24:00</c> allowed), or null when it is not a time.</summary>
    public static int? Minute(string? text)
    {
        if (text is null || !TimeOfDay().IsMatch(text))
        {
            return null;
        }

        var minutes = (int.Parse(text[..2], CultureInfo.InvariantCulture) * 60) + int.Parse(text[3..], CultureInfo.InvariantCulture);
        return minutes <= 1440 ? minutes : null;
    }

    public static bool IsId(string? id) => id is not null && Id().IsMatch(id);

    public static Dictionary<string, string[]> Check(CalendarRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.CalendarId is not null && !IsId(request.CalendarId))
        {
            errors["calendar_id"] = ["use lower-case letters, digits, '-' and '_' (up to 64)."];
        }

        if (request.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out _))
        {
            errors["time_zone"] = [$"'{request.TimeZone}' is not a known time zone; use an IANA name such as Asia/Riyadh."];
        }

        CheckHours(request.Hours ?? [], errors);
        var holidays = request.Holidays ?? [];
        for (var index = 0; index < holidays.Count; index++)
        {
            if (holidays[index] is not { } holiday || string.IsNullOrWhiteSpace(holiday.Name) || holiday.Name.Length > 200 || holiday.Name.Contains('\0', StringComparison.Ordinal))
            {
                errors[$"holidays[{index}].name"] = ["give a name of 1 to 200 characters, without NUL."];
            }
        }

        if (holidays.OfType<Holiday>().GroupBy(holiday => holiday.Date).FirstOrDefault(dates => dates.Count() > 1) is { } twice)
        {
            errors["holidays"] = [$"{twice.Key:yyyy-MM-dd} is listed more than once."];
        }

        return errors;
    }

    private static void CheckHours(Dictionary<string, List<OpeningSpan>> hours, Dictionary<string, string[]> errors)
    {
        var anyOpen = false;
        foreach (var (day, spans) in hours)
        {
            if (!Weekdays.Contains(day))
            {
                errors[$"hours.{day}"] = [$"is not a weekday; use {string.Join(", ", Weekdays)}."];
                continue;
            }

            var parsed = new List<(int Start, int End)>();
            for (var index = 0; index < spans.Count; index++)
            {
                var field = $"hours.{day}[{index}]";
                var start = Minute(spans[index]?.Start);
                var end = Minute(spans[index]?.End);
                if (start is null || start == 1440)
                {
                    errors[$"{field}.start"] = ["give a time HH:mm from 00:00 to 23:59."];
                }
                else if (end is null)
                {
                    errors[$"{field}.end"] = ["give a time HH:mm from 00:01 to 24:00."];
                }
                else if (end <= start)
                {
                    errors[$"{field}.end"] = [$"must be after its start ({spans[index].Start})."];
                }
                else
                {
                    parsed.Add((start.Value, end.Value));
                }
            }

            var ordered = parsed.OrderBy(span => span.Start).ToList();
            for (var index = 1; index < ordered.Count; index++)
            {
                if (ordered[index].Start < ordered[index - 1].End)
                {
                    errors[$"hours.{day}"] = ["has spans that overlap."];
                }
            }

            anyOpen |= parsed.Count > 0;
        }

        if (!anyOpen && !errors.Keys.Any(key => key.StartsWith("hours", StringComparison.Ordinal)))
        {
            errors["hours"] = ["give working hours on at least one weekday."];
        }
    }

    [GeneratedRegex("^[0-2][0-9]:[0-5][0-9]$")]
    private static partial Regex TimeOfDay();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex Id();
}
