namespace CallCenter.ApiService.Stats;

/// <summary>
/// The live windows: the center's day so far, the last 15 minutes and the last hour. Each ends one tick after
/// <paramref name="Now"/> so what happened at this very instant (a call answered just now) already counts.
/// </summary>
public sealed record NowWindows(DateTime Now, StatsWindow Today, StatsWindow Last15Minutes, StatsWindow LastHour)
{
    public static NowWindows At(DateTime now, CenterCalendar calendar)
    {
        var end = now.AddTicks(1);
        return new NowWindows(
            now,
            new StatsWindow(calendar.DayStartOf(now), end),
            new StatsWindow(end - TimeSpan.FromMinutes(15), end),
            new StatsWindow(end - TimeSpan.FromHours(1), end));
    }
}
