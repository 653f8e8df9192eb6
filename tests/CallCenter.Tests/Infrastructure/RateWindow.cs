namespace CallCenter.Tests.Infrastructure;

/// <summary>
/// Request budgets are per minute of the wall clock (the API's windows are UTC minutes): a test that spends one must
/// not straddle two windows, or the second window's budget lets more through than the test expects.
/// </summary>
internal static class RateWindow
{
    /// <summary>Returns once at least <paramref name="room"/> is left in the current minute, waiting for the next if not.</summary>
    public static async Task WithRoomAsync(TimeSpan room)
    {
        var intoMinute = TimeSpan.FromMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 60_000);
        var left = TimeSpan.FromMinutes(1) - intoMinute;
        if (left < room)
        {
            // The wall clock is what the limiter reads, so it is what is waited for; a little past the turn of the minute.
            await Task.Delay(left + TimeSpan.FromMilliseconds(50));
        }
    }
}
