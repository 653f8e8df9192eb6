using CallCenter.ApiService.Sla;
using static CallCenter.UnitTests.Sla.Calendars;

namespace CallCenter.UnitTests.Sla;

/// <summary>Calendars of other shapes, in UTC: breaks within a day, night shifts, a 24:00 end, around the clock, and
/// the ones the constructor refuses. Monday 7 December 2026 is the reference day.</summary>
public sealed class BusinessCalendarShapeTests
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    [Fact]
    public void ALunchBreakIsSkippedAndIsClosed()
    {
        var calendar = new BusinessCalendar(TimeZoneInfo.Utc, Days(Weekdays, Span(8, 12), Span(13, 17)), []);

        Assert.Equal(Utc(2026, 12, 7, 14), calendar.Add(Utc(2026, 12, 7, 11), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(1), calendar.Between(Utc(2026, 12, 7, 11, 30), Utc(2026, 12, 7, 13, 30)));
        Assert.False(calendar.IsOpen(Utc(2026, 12, 7, 12)));
        Assert.Equal(Utc(2026, 12, 7, 12), calendar.NextChange(Utc(2026, 12, 7, 11)));
        Assert.Equal(Utc(2026, 12, 7, 13), calendar.NextChange(Utc(2026, 12, 7, 12)));
    }

    [Fact]
    public void TouchingSpansAreOneStretchOfOpenTime()
    {
        var calendar = new BusinessCalendar(TimeZoneInfo.Utc, Days(Weekdays, Span(12, 17), Span(8, 12)), []);

        Assert.True(calendar.IsOpen(Utc(2026, 12, 7, 12)));
        Assert.Equal(Utc(2026, 12, 7, 17), calendar.NextChange(Utc(2026, 12, 7, 9)));
    }

    [Fact]
    public void ANightShiftRunsAcrossMidnight()
    {
        var calendar = new BusinessCalendar(TimeZoneInfo.Utc, EveryDay(Span(0, 6), Span(22, 24)), []);

        Assert.Equal(Utc(2026, 12, 8, 2), calendar.Add(Utc(2026, 12, 7, 23), TimeSpan.FromHours(3)));
        Assert.Equal(TimeSpan.FromHours(8), calendar.Between(Utc(2026, 12, 7, 21), Utc(2026, 12, 8, 7)));
        Assert.True(calendar.IsOpen(Utc(2026, 12, 8, 0)));
        Assert.Equal(Utc(2026, 12, 8, 6), calendar.NextChange(Utc(2026, 12, 7, 23)));
    }

    [Fact]
    public void ASpanEndingAt2400ClosesAtMidnight()
    {
        var calendar = new BusinessCalendar(TimeZoneInfo.Utc, Days([DayOfWeek.Monday], Span(20, 24)), []);

        Assert.Equal(Utc(2026, 12, 8, 0), calendar.Add(Utc(2026, 12, 7, 23), TimeSpan.FromHours(1)));
        Assert.Equal(Utc(2026, 12, 14, 21), calendar.Add(Utc(2026, 12, 7, 23), TimeSpan.FromHours(2)));
        Assert.False(calendar.IsOpen(Utc(2026, 12, 8, 0)));
        Assert.Equal(Utc(2026, 12, 8, 0), calendar.NextChange(Utc(2026, 12, 7, 21)));
    }

    [Fact]
    public void AlwaysOpenCountsEveryTick()
    {
        var calendar = BusinessCalendar.AlwaysOpen;
        var start = Utc(2026, 12, 11, 23, 59).AddTicks(7);

        Assert.Equal(TimeZoneInfo.Utc, calendar.TimeZone);
        Assert.True(calendar.IsOpen(start));
        Assert.Equal(start.AddDays(3), calendar.Add(start, TimeSpan.FromDays(3)));
        Assert.Equal(TimeSpan.FromDays(3), calendar.Between(start, start.AddDays(3)));
        Assert.Null(calendar.NextChange(start));
    }

    [Fact]
    public void AroundTheClockInAZoneWithDaylightSavingNeverChanges()
    {
        var calendar = new BusinessCalendar(Berlin, EveryDay(Span(0, 24)), []);

        // The Berlin spring day has 23 hours.
        Assert.Equal(TimeSpan.FromHours(23), calendar.Between(Utc(2026, 3, 28, 23), Utc(2026, 3, 29, 22)));
        Assert.Null(calendar.NextChange(Utc(2026, 3, 28, 23)));
    }

    [Fact]
    public void ACustomZoneOutsideTheTzDatabaseUsesItsOwnRules()
    {
        var plusThree = TimeZoneInfo.CreateCustomTimeZone("CallCenter Plus Three", TimeSpan.FromHours(3), "Plus Three", "Plus Three");
        var calendar = new BusinessCalendar(plusThree, Days(Weekdays, Span(8, 17)), []);

        Assert.Equal(Utc(2026, 12, 7, 5), calendar.NextChange(Utc(2026, 12, 7, 0)));
        Assert.Equal(TimeSpan.FromHours(9), calendar.Between(Utc(2026, 12, 7, 0), Utc(2026, 12, 8, 0)));
    }

    [Fact]
    public void ACalendarWhoseEveryDayIsAHolidayForYearsStopsSearching()
    {
        var first = new DateOnly(2026, 1, 1);
        var calendar = new BusinessCalendar(TimeZoneInfo.Utc, EveryDay(Span(8, 17)), Enumerable.Range(0, 20 * 366).Select(first.AddDays));

        Assert.Throws<InvalidOperationException>(() => calendar.Add(Utc(2026, 12, 7, 9), TimeSpan.FromMinutes(1)));
        Assert.Throws<InvalidOperationException>(() => calendar.NextChange(Utc(2026, 12, 7, 9)));
        Assert.False(calendar.IsOpen(Utc(2026, 12, 7, 9)));
        Assert.Equal(TimeSpan.Zero, calendar.Between(Utc(2026, 12, 1, 0), Utc(2027, 1, 1, 0)));
    }

    [Theory]
    [InlineData(-1, 60)]
    [InlineData(60, 60)]
    [InlineData(120, 60)]
    [InlineData(0, 1441)]
    public void ConstructorRefusesASpanOutsideTheDay(int start, int end) =>
        Assert.Equal("hours", Assert.Throws<ArgumentException>(() => new BusinessCalendar(TimeZoneInfo.Utc, EveryDay(new BusinessSpan(start, end)), [])).ParamName);

    [Fact]
    public void ConstructorRefusesOverlappingSpans() =>
        Assert.Equal("hours", Assert.Throws<ArgumentException>(() => new BusinessCalendar(TimeZoneInfo.Utc, EveryDay(Span(8, 12), Span(11, 13)), [])).ParamName);

    [Fact]
    public void ConstructorRefusesACalendarWithNoHours()
    {
        Assert.Equal("hours", Assert.Throws<ArgumentException>(() => new BusinessCalendar(TimeZoneInfo.Utc, EveryDay(), [])).ParamName);
        Assert.Equal("hours", Assert.Throws<ArgumentException>(() => new BusinessCalendar(TimeZoneInfo.Utc, new Dictionary<DayOfWeek, IReadOnlyList<BusinessSpan>>(), [])).ParamName);
    }
}
