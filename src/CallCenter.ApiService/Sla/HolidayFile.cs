using System.Runtime.Serialization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace CallCenter.ApiService.Sla;

/// <summary>Holidays imported from an iCalendar (RFC 5545) file, as calendar apps and public-holiday feeds export them.</summary>
public static class HolidayFile
{
    // A recurring holiday is expanded this far from its first date: longer than any target a ticket runs to.
    private const int RecurringYears = 5;

    // Holidays recur yearly, at most daily: a rule that yields more is not a holiday list (and would be costly to expand).
    private const int MaxOccurrences = RecurringYears * 366 + 1;

    /// <summary>
    /// The dates of the file's all-day events, in date order: a multi-day event gives every date up to its DTEND
    /// (exclusive), a recurring one every occurrence within five years of its DTSTART, from every calendar the file
    /// holds. Timed events are not whole days off and are left out.
    /// </summary>
    /// <exception cref="FormatException">The text is not an iCalendar file, or an event in it cannot be read.</exception>
    public static IReadOnlyList<Holiday> Parse(string icalendarText)
    {
        ArgumentNullException.ThrowIfNull(icalendarText);
        try
        {
            // A file may hold several calendars (RFC 5545, 3.4: a stream of iCalendar objects); their events all count.
            var calendars = CalendarCollection.Load(icalendarText);
            if (calendars.Count == 0)
            {
                throw new FormatException("Not an iCalendar file: no VCALENDAR.");
            }

            return [.. calendars.SelectMany(calendar => calendar.Events).SelectMany(Dates).Distinct()
                .OrderBy(holiday => holiday.Date).ThenBy(holiday => holiday.Name, StringComparer.Ordinal)];
        }
        catch (Exception error) when (error is SerializationException or ArgumentException)
        {
            // The library reports bad lines and rules in its own exception types; callers need one.
            throw new FormatException($"Not a valid iCalendar file: {error.Message}", error);
        }
    }

    private static IEnumerable<Holiday> Dates(CalendarEvent holiday)
    {
        var name = string.IsNullOrWhiteSpace(holiday.Summary) ? "Holiday" : holiday.Summary.Trim();
        if (holiday.DtStart is not { } start)
        {
            throw new FormatException($"The event '{name}' has no valid DTSTART.");
        }

        if (start.HasTime)
        {
            return [];
        }

        var until = new CalDateTime(start.Date.AddYears(RecurringYears));
        var occurrences = holiday.GetOccurrences(start).TakeWhileBefore(until).Take(MaxOccurrences + 1).ToList();
        if (occurrences.Count > MaxOccurrences)
        {
            throw new FormatException($"The event '{name}' recurs more often than daily.");
        }

        return occurrences.SelectMany(occurrence => Days(occurrence.Period)).Select(date => new Holiday(date, name));
    }

    // An all-day event without a DTEND lasts its one day (RFC 5545, 3.6.1).
    private static IEnumerable<DateOnly> Days(Period period)
    {
        var first = period.StartTime.Date;
        var end = period.EffectiveEndTime?.Date is { } last && last > first ? last : first.AddDays(1);
        for (var date = first; date < end; date = date.AddDays(1))
        {
            yield return date;
        }
    }
}
