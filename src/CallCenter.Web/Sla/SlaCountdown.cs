namespace CallCenter.Web.Sla;

/// <summary>
/// How much business time is left, in the two largest units that matter: days and hours, hours and minutes, or
/// minutes and seconds in the last hour, so the countdown visibly moves when it counts. wwwroot/js/sla.js writes the same.
/// </summary>
public static class SlaCountdown
{
    public const string DaysHours = "{0}d {1}h left";
    public const string HoursMinutes = "{0}h {1}m left";
    public const string MinutesSeconds = "{0}m {1}s left";

    /// <summary>The text's template (a <see cref="Localization.UiText"/> key) and its two numbers; nothing left is 0m 0s.</summary>
    public static (string Template, int Larger, int Smaller) Parts(double minutesLeft)
    {
        var seconds = (long)Math.Max(0, Math.Floor(minutesLeft * 60));
        return seconds switch
        {
            >= 86_400 => (DaysHours, (int)(seconds / 86_400), (int)(seconds % 86_400 / 3600)),
            >= 3600 => (HoursMinutes, (int)(seconds / 3600), (int)(seconds % 3600 / 60)),
            _ => (MinutesSeconds, (int)(seconds / 60), (int)(seconds % 60)),
        };
    }

    public static IEnumerable<string> Templates => [DaysHours, HoursMinutes, MinutesSeconds];
}
