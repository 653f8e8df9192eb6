using CallCenter.ApiService.Stats;
using static CallCenter.UnitTests.Stats.StatsGen;

namespace CallCenter.UnitTests.Stats;

/// <summary>The live windows: the center's day so far and the last 15 and 60 minutes, this instant included.</summary>
public sealed class NowWindowsTests
{
    [Fact]
    public void TheDaySoFarStartsAtLocalMidnightAndEveryWindowIncludesNow()
    {
        var now = At("09:30:00");
        var windows = NowWindows.At(now, Riyadh);
        Assert.Equal(Day.AddHours(-3), windows.Today.Start);
        Assert.All([windows.Today, windows.Last15Minutes, windows.LastHour], window => Assert.True(window.Contains(now)));
        Assert.Equal(TimeSpan.FromMinutes(15), windows.Last15Minutes.Length);
        Assert.False(windows.Last15Minutes.Contains(At("09:15:00")));
        Assert.True(windows.LastHour.Contains(At("08:30:00").AddTicks(1)));
    }

    [Fact]
    public void JustAfterLocalMidnightTheDayIsOnlyMinutesOld()
    {
        var windows = NowWindows.At(At("21:05:00"), Riyadh);
        Assert.Equal(At("21:00:00"), windows.Today.Start);
        Assert.True(windows.LastHour.Start < windows.Today.Start);
    }

    [Fact]
    public void BerlinsDaySoFarOnItsSpringDayStartsAtMidnightInWinterTime()
    {
        var windows = NowWindows.At(new DateTime(2026, 3, 29, 12, 0, 0, DateTimeKind.Utc), Berlin);
        Assert.Equal(new DateTime(2026, 3, 28, 23, 0, 0, DateTimeKind.Utc), windows.Today.Start);
    }
}
