using CallCenter.ApiService.Sla;
using static CallCenter.UnitTests.Sla.Calendars;

namespace CallCenter.UnitTests.Sla;

/// <summary>Business time on the demo Riyadh week (Sunday–Thursday 08:00–17:00), written out by hand. December 2026:
/// Sunday the 6th to Thursday the 10th work, Friday 11th and Saturday 12th are the weekend.</summary>
public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Week = RiyadhWeek();

    [Fact]
    public void AddShorterThanTheRestOfTheDayEndsTheSameDay() =>
        Assert.Equal(RiyadhTime(2026, 12, 7, 11, 30), Week.Add(RiyadhTime(2026, 12, 7, 9), TimeSpan.FromMinutes(150)));

    [Fact]
    public void AddFromClosedTimeStartsCountingAtTheNextOpening()
    {
        Assert.Equal(RiyadhTime(2026, 12, 13, 9), Week.Add(RiyadhTime(2026, 12, 11, 12), TimeSpan.FromHours(1)));
        Assert.Equal(RiyadhTime(2026, 12, 6, 9), Week.Add(RiyadhTime(2026, 12, 6, 6), TimeSpan.FromHours(1)));
        Assert.Equal(RiyadhTime(2026, 12, 8, 9), Week.Add(RiyadhTime(2026, 12, 7, 20), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AddCarriesOverTheNightAndTheWeekend() =>
        Assert.Equal(RiyadhTime(2026, 12, 13, 10), Week.Add(RiyadhTime(2026, 12, 10, 15), TimeSpan.FromHours(4)));

    [Fact]
    public void AddThatUsesUpTheDayEndsAtClosingNotAtTheNextOpening() =>
        Assert.Equal(RiyadhTime(2026, 12, 6, 17), Week.Add(RiyadhTime(2026, 12, 6, 16), TimeSpan.FromHours(1)));

    [Fact]
    public void AddSkipsAHoliday() =>
        Assert.Equal(RiyadhTime(2026, 12, 8, 9), RiyadhWeek(new DateOnly(2026, 12, 7)).Add(RiyadhTime(2026, 12, 6, 16), TimeSpan.FromHours(2)));

    [Fact]
    public void AddOfThirtyDaysOfBusinessTimeLandsEightyWorkingDaysLater() =>
        // 720 h at 9 h a day is 80 working days: sixteen weeks, the last ending on Thursday 25 March 2027 at closing.
        Assert.Equal(RiyadhTime(2027, 3, 25, 17), Week.Add(RiyadhTime(2026, 12, 6, 8), TimeSpan.FromDays(30)));

    [Fact]
    public void AddOfZeroReturnsTheStartEvenInClosedTime() =>
        Assert.Equal(RiyadhTime(2026, 12, 11, 12), Week.Add(RiyadhTime(2026, 12, 11, 12), TimeSpan.Zero));

    [Fact]
    public void AddRefusesANegativeDuration() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Week.Add(RiyadhTime(2026, 12, 7, 9), TimeSpan.FromTicks(-1)));

    [Fact]
    public void BetweenAcrossTheWeekendCountsOnlyWorkingHours()
    {
        Assert.Equal(TimeSpan.FromHours(2), Week.Between(RiyadhTime(2026, 12, 11, 16), RiyadhTime(2026, 12, 13, 10)));
        Assert.Equal(TimeSpan.FromHours(3), Week.Between(RiyadhTime(2026, 12, 10, 16), RiyadhTime(2026, 12, 13, 10)));
        Assert.Equal(TimeSpan.FromHours(45), Week.Between(RiyadhTime(2026, 12, 5, 0), RiyadhTime(2026, 12, 12, 0)));
    }

    [Fact]
    public void BetweenOfAnEmptyOrBackwardRangeIsZero()
    {
        Assert.Equal(TimeSpan.Zero, Week.Between(RiyadhTime(2026, 12, 7, 9), RiyadhTime(2026, 12, 7, 9)));
        Assert.Equal(TimeSpan.Zero, Week.Between(RiyadhTime(2026, 12, 7, 12), RiyadhTime(2026, 12, 7, 9)));
    }

    [Fact]
    public void PauseAcrossTheWeekendMovesTheDueTimeByTheWorkingHoursPaused()
    {
        // Four hours from Thursday 15:00: two on Thursday, two on Sunday.
        var due = Week.Add(RiyadhTime(2026, 12, 10, 15), TimeSpan.FromHours(4));
        var (pausedAt, resumedAt) = (RiyadhTime(2026, 12, 10, 16), RiyadhTime(2026, 12, 13, 9));

        var resumedDue = Week.Add(resumedAt, Week.Between(pausedAt, due));

        // Paused: Thursday 16–17 and Sunday 08–09.
        Assert.Equal(TimeSpan.FromHours(2), Week.Between(pausedAt, resumedAt));
        Assert.Equal(RiyadhTime(2026, 12, 13, 12), resumedDue);
    }

    [Fact]
    public void IsOpenIncludesTheStartOfASpanAndExcludesItsEnd()
    {
        Assert.True(Week.IsOpen(RiyadhTime(2026, 12, 7, 8)));
        Assert.False(Week.IsOpen(RiyadhTime(2026, 12, 7, 8).AddTicks(-1)));
        Assert.False(Week.IsOpen(RiyadhTime(2026, 12, 7, 17)));
        Assert.True(Week.IsOpen(RiyadhTime(2026, 12, 7, 17).AddTicks(-1)));
        Assert.False(Week.IsOpen(RiyadhTime(2026, 12, 11, 12)));
    }

    [Fact]
    public void NextChangeIsTheNextOpeningOrClosing()
    {
        Assert.Equal(RiyadhTime(2026, 12, 10, 17), Week.NextChange(RiyadhTime(2026, 12, 10, 12)));
        Assert.Equal(RiyadhTime(2026, 12, 13, 8), Week.NextChange(RiyadhTime(2026, 12, 10, 17)));
        Assert.Equal(RiyadhTime(2026, 12, 13, 17), Week.NextChange(RiyadhTime(2026, 12, 13, 8)));
    }

    [Fact]
    public void UnspecifiedTimesAreReadAsUtcAndResultsAreUtc()
    {
        var result = Week.Add(DateTime.SpecifyKind(RiyadhTime(2026, 12, 7, 9), DateTimeKind.Unspecified), TimeSpan.FromHours(1));

        Assert.Equal(DateTimeKind.Utc, result.Kind);
        Assert.Equal(RiyadhTime(2026, 12, 7, 10), result);
    }

    [Fact]
    public void LocalTimesAreRefused() =>
        Assert.Equal("utc", Assert.Throws<ArgumentException>(() => Week.IsOpen(DateTime.Now)).ParamName);
}
