using System.Globalization;

namespace CallCenter.Web.Stats;

/// <summary>
/// Figures written in the reader's language: its separators and percent sign, and its own digits (Arabic-Indic in
/// Arabic, as the browser writes the pages' dates). .NET formats with Latin digits whatever the culture, so they are
/// swapped for the culture's native ones here. A figure with nothing to divide by shows as a dash.
/// </summary>
public sealed class StatsText(CultureInfo culture, TimeZoneInfo zone)
{
    public const string Nothing = "–";

    public CultureInfo Culture { get; } = culture;

    /// <summary>The center's time zone, which intervals and chart labels are read in.</summary>
    public TimeZoneInfo Zone { get; } = zone;

    public string Count(int value) => Digits(value.ToString("N0", Culture));

    /// <summary>A share (0.853) as a percentage with one decimal ("85.3%").</summary>
    public string Percent(double? share) => share is { } value ? Digits(value.ToString("P1", Culture)) : Nothing;

    /// <summary>A whole-number percentage for axes and targets ("80%").</summary>
    public string WholePercent(double share) => Digits(share.ToString("P0", Culture));

    /// <summary>Seconds as a clock reading, like the pages' ticking waits: 0:07, 4:12, 1:02:03 (rounded to the second).</summary>
    public string Duration(double? seconds)
    {
        if (seconds is not { } value)
        {
            return Nothing;
        }

        var whole = TimeSpan.FromSeconds(Math.Round(Math.Max(0, value)));
        var text = whole.TotalHours >= 1
            ? $"{(int)whole.TotalHours}:{whole.Minutes:00}:{whole.Seconds:00}"
            : $"{whole.Minutes}:{whole.Seconds:00}";
        return Digits(text);
    }

    /// <summary>A UTC instant as the center's wall-clock time, 24-hour ("09:30").</summary>
    public string Time(DateTime utc) => Digits(Local(utc).ToString("HH:mm", CultureInfo.InvariantCulture));

    /// <summary>A UTC instant as the center's date in the reader's short form (Gregorian in every language).</summary>
    public string Day(DateTime utc) => Digits(Local(utc).ToString("d", Gregorian()));

    /// <summary>The start of an interval: its day and time, or only the day for a whole-day interval.</summary>
    public string IntervalStart(DateTime utc, bool wholeDay) => wholeDay ? Day(utc) : $"{Day(utc)} {Time(utc)}";

    /// <summary>Latin digits in <paramref name="text"/> written in the culture's own.</summary>
    public string Digits(string text)
    {
        var native = Culture.NumberFormat.NativeDigits;
        if (native.Length != 10 || native[0] == "0")
        {
            return text;
        }

        return string.Concat(text.Select(character => character is >= '0' and <= '9' ? native[character - '0'] : character.ToString()));
    }

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    private CultureInfo Gregorian()
    {
        if (Culture.Calendar is GregorianCalendar)
        {
            return Culture;
        }

        var gregorian = (CultureInfo)Culture.Clone();
        gregorian.DateTimeFormat.Calendar = Culture.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault() ?? new GregorianCalendar();
        return gregorian;
    }

    /// <summary>The page's language and the center's zone (the API names it; an unknown name reads as UTC).</summary>
    public static StatsText For(string timeZone) =>
        new(CultureInfo.CurrentCulture, TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc);
}
