namespace CallCenter.ApiService.Data;

internal static class DatabaseClock
{
    /// <summary>
    /// Now, at PostgreSQL's microsecond precision, so what a mutation answers equals what a later read returns.
    /// </summary>
    public static DateTime UtcNow(this TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }
}
