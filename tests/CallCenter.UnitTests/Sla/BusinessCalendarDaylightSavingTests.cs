using CallCenter.ApiService.Sla;
using static CallCenter.UnitTests.Sla.Calendars;

namespace CallCenter.UnitTests.Sla;

/// <summary>
/// Europe/Berlin in 2026: clocks go from 02:00 CET (UTC+1) to 03:00 CEST (UTC+2) on Sunday 29 March, at 01:00 UTC,
/// and from 03:00 CEST back to 02:00 CET on Sunday 25 October, at 01:00 UTC. Every expected instant is UTC.
/// </summary>
public sealed class BusinessCalendarDaylightSavingTests
{
    private static readonly BusinessCalendar Nights = new(Berlin, EveryDay(Span(0, 6)), []);
    private static readonly BusinessCalendar SundayEarly = new(Berlin, Days([DayOfWeek.Sunday], new BusinessSpan(150, 240)), []);

    [Fact]
    public void ASpanAcrossTheSpringChangeHasFiveHours()
    {
        // 00:00 CET is 23:00 UTC the day before; 06:00 CEST is 04:00 UTC.
        Assert.Equal(TimeSpan.FromHours(5), Nights.Between(Utc(2026, 3, 28, 20), Utc(2026, 3, 29, 8)));
        Assert.Equal(Utc(2026, 3, 29, 4), Nights.Add(Utc(2026, 3, 28, 23), TimeSpan.FromHours(5)));
        Assert.False(Nights.IsOpen(Utc(2026, 3, 28, 23).AddTicks(-1)));
        Assert.True(Nights.IsOpen(Utc(2026, 3, 28, 23)));
        Assert.True(Nights.IsOpen(Utc(2026, 3, 29, 4).AddTicks(-1)));
        Assert.False(Nights.IsOpen(Utc(2026, 3, 29, 4)));
    }

    [Fact]
    public void AddPastTheSpringDayContinuesAtTheNextMidnightInSummerTime() =>
        // Monday 00:00 CEST is 22:00 UTC on Sunday.
        Assert.Equal(Utc(2026, 3, 29, 22).AddTicks(1), Nights.Add(Utc(2026, 3, 28, 23), TimeSpan.FromHours(5).Add(TimeSpan.FromTicks(1))));

    [Fact]
    public void ASpanAcrossTheAutumnChangeHasSevenHours()
    {
        // 00:00 CEST is 22:00 UTC the day before; 06:00 CET is 05:00 UTC; Monday 00:00 CET is 23:00 UTC on Sunday.
        Assert.Equal(TimeSpan.FromHours(7), Nights.Between(Utc(2026, 10, 24, 20), Utc(2026, 10, 25, 8)));
        Assert.Equal(Utc(2026, 10, 25, 5), Nights.Add(Utc(2026, 10, 24, 22), TimeSpan.FromHours(7)));
        Assert.Equal(Utc(2026, 10, 26, 0), Nights.Add(Utc(2026, 10, 24, 22), TimeSpan.FromHours(8)));
        Assert.Equal(Utc(2026, 10, 25, 5), Nights.NextChange(Utc(2026, 10, 25, 1)));
    }

    [Fact]
    public void AnOpeningInTheSpringGapOpensWhenTheGapEnds()
    {
        // 02:30 does not exist that night: the span opens at 03:00 CEST (01:00 UTC) and closes at 04:00 CEST.
        Assert.False(SundayEarly.IsOpen(Utc(2026, 3, 29, 1).AddTicks(-1)));
        Assert.True(SundayEarly.IsOpen(Utc(2026, 3, 29, 1)));
        Assert.Equal(Utc(2026, 3, 29, 1), SundayEarly.NextChange(Utc(2026, 3, 29, 0)));
        Assert.Equal(Utc(2026, 3, 29, 2), SundayEarly.NextChange(Utc(2026, 3, 29, 1)));
        Assert.Equal(TimeSpan.FromHours(1), SundayEarly.Between(Utc(2026, 3, 29, 0), Utc(2026, 3, 29, 6)));
    }

    [Fact]
    public void AnOpeningInTheRepeatedAutumnHourOpensAtItsFirstOccurrence()
    {
        // The first 02:30 is CEST (00:30 UTC); 04:00 CET is 03:00 UTC: two and a half hours pass.
        Assert.Equal(Utc(2026, 10, 25, 0, 30), SundayEarly.NextChange(Utc(2026, 10, 25, 0)));
        Assert.Equal(Utc(2026, 10, 25, 3), SundayEarly.NextChange(Utc(2026, 10, 25, 0, 30)));
        Assert.Equal(TimeSpan.FromMinutes(150), SundayEarly.Between(Utc(2026, 10, 25, 0), Utc(2026, 10, 25, 6)));
    }

    [Fact]
    public void TheSameSpanOnAnOrdinarySundayHasItsWrittenLength() =>
        // 22 March, still CET: 02:30–04:00 is 01:30–03:00 UTC.
        Assert.Equal(TimeSpan.FromMinutes(90), SundayEarly.Between(Utc(2026, 3, 22, 1, 30), Utc(2026, 3, 22, 6)));

    [Fact]
    public void ASpanWhollyInsideTheSpringGapHasNoTime()
    {
        var gapOnly = new BusinessCalendar(Berlin, Days([DayOfWeek.Sunday], new BusinessSpan(135, 165)), []);

        Assert.Equal(TimeSpan.Zero, gapOnly.Between(Utc(2026, 3, 28, 12), Utc(2026, 3, 29, 12)));
        // The next Sunday is in summer time: 02:15 CEST is 00:15 UTC.
        Assert.Equal(Utc(2026, 4, 5, 0, 16), gapOnly.Add(Utc(2026, 3, 28, 12), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void AnInstantOnTheEveningBeforeCanLieInTheNextDaysHours()
    {
        // St John's, 7 November 2010: at 00:01 NDT (UTC-2:30) clocks went back to 23:01 NST (UTC-3:30) on Saturday.
        // Sunday 00:00–01:00 runs from 02:30 to 04:30 UTC, an hour of which reads Saturday evening on the wall.
        var calendar = new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById("America/St_Johns"), Days([DayOfWeek.Sunday], Span(0, 1)), []);

        Assert.True(calendar.IsOpen(Utc(2010, 11, 7, 3)));
        Assert.Equal(TimeSpan.FromMinutes(30), calendar.Between(Utc(2010, 11, 7, 2), Utc(2010, 11, 7, 3)));
        Assert.Equal(TimeSpan.FromHours(2), calendar.Between(Utc(2010, 11, 7, 2), Utc(2010, 11, 7, 5)));
        Assert.Equal(Utc(2010, 11, 7, 4, 30), calendar.NextChange(Utc(2010, 11, 7, 3)));
    }
}
