using CallCenter.ApiService.Stats;
using CsCheck;
using static CallCenter.UnitTests.Stats.StatsGen;

namespace CallCenter.UnitTests.Stats;

/// <summary>Report buckets on the center's local clock: days from local midnight, DST days of 23 and 25 hours, bad ranges refused.</summary>
public sealed class IntervalGridTests
{
    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void ADayInRiyadhStartsAtLocalMidnightWhichIsNineInTheEveningUtc()
    {
        var buckets = new IntervalGrid(Riyadh).Buckets(Utc(12, 2, 6), Utc(12, 3, 6), StatsInterval.Day);
        Assert.Equal([new StatsWindow(Utc(12, 1, 21), Utc(12, 2, 21)), new StatsWindow(Utc(12, 2, 21), Utc(12, 3, 21))], buckets);
    }

    [Fact]
    public void BerlinsSpringDayLasts23HoursAndItsAutumnDay25() =>
        Assert.Equal(
            [TimeSpan.FromHours(24), TimeSpan.FromHours(23), TimeSpan.FromHours(24)],
            new IntervalGrid(Berlin).Buckets(Utc(3, 28, 12), Utc(3, 30, 12), StatsInterval.Day).Select(bucket => bucket.Length));

    [Fact]
    public void BerlinsAutumnDayHas25HourlyBucketsTwoOfThemAtTwoLocal()
    {
        var buckets = new IntervalGrid(Berlin).Buckets(Utc(10, 24, 22), Utc(10, 25, 23), StatsInterval.Hour);
        Assert.Equal(25, buckets.Count);
        Assert.All(buckets, bucket => Assert.Equal(TimeSpan.FromHours(1), bucket.Length));
        Assert.Equal(2, buckets.Count(bucket => Berlin.LocalTime(bucket.Start).Hour == 2));
        Assert.Equal(TimeSpan.FromHours(25), new IntervalGrid(Berlin).Buckets(Utc(10, 25, 0), Utc(10, 25, 1), StatsInterval.Day).Single().Length);
    }

    [Fact]
    public void BerlinsSpringDayHas92QuarterHoursAndSkipsTwoLocal()
    {
        var buckets = new IntervalGrid(Berlin).Buckets(Utc(3, 28, 23), Utc(3, 29, 22), StatsInterval.QuarterHour);
        Assert.Equal(92, buckets.Count);
        Assert.DoesNotContain(buckets, bucket => Berlin.LocalTime(bucket.Start).Hour == 2);
    }

    [Fact]
    public void AMidnightTheClocksJumpOverStartsTheDayWhenTheyLand()
    {
        var spring = MidnightShift.DayStart(new DateOnly(2026, 3, 15));
        Assert.Equal(Utc(3, 14, 22), spring);
        Assert.Equal(new DateTime(2026, 3, 15, 1, 0, 0), MidnightShift.LocalTime(spring));
        Assert.Equal(TimeSpan.FromHours(23), MidnightShift.DayStart(new DateOnly(2026, 3, 16)) - spring);
    }

    [Fact]
    public void AMidnightThatHappensTwiceStartsTheDayAtTheFirst()
    {
        var autumn = MidnightShift.DayStart(new DateOnly(2026, 10, 15));
        Assert.Equal(Utc(10, 14, 21), autumn);
        Assert.Equal(TimeSpan.FromHours(24), autumn - MidnightShift.DayStart(new DateOnly(2026, 10, 14)));
        Assert.Equal(TimeSpan.FromHours(25), MidnightShift.DayStart(new DateOnly(2026, 10, 16)) - autumn);
    }

    [Fact]
    public void ARangeOffTheGridWidensToWholeBuckets() =>
        Assert.Equal(
            [new StatsWindow(Utc(12, 2, 9, 0), Utc(12, 2, 9, 15)), new StatsWindow(Utc(12, 2, 9, 15), Utc(12, 2, 9, 30))],
            new IntervalGrid(Riyadh).Buckets(Utc(12, 2, 9, 7), Utc(12, 2, 9, 16), StatsInterval.QuarterHour));

    [Fact]
    public void HalfHourZonesGetBucketsOnTheirOwnHour() =>
        Assert.All(
            new IntervalGrid(CenterCalendar.For("Asia/Kolkata")).Buckets(Utc(12, 2, 0), Utc(12, 2, 6), StatsInterval.Hour),
            bucket => Assert.Equal(30, bucket.Start.Minute));

    [Fact]
    public void ARangeThatEndsBeforeItStartsIsRefused() =>
        Assert.Equal("from", Assert.Throws<StatsRuleException>(() => new IntervalGrid(Riyadh).Buckets(Utc(12, 2, 9), Utc(12, 2, 9), StatsInterval.Hour)).Field);

    [Fact]
    public void MoreThanTenThousandBucketsIsRefused()
    {
        var grid = new IntervalGrid(Riyadh);
        Assert.Equal(IntervalGrid.MaxBuckets, grid.Buckets(Utc(1, 1, 0), Utc(1, 1, 0).AddMinutes(15 * IntervalGrid.MaxBuckets), StatsInterval.QuarterHour).Count);
        Assert.Equal("to", Assert.Throws<StatsRuleException>(() => grid.Buckets(Utc(1, 1, 0), Utc(1, 1, 0).AddYears(3), StatsInterval.QuarterHour)).Field);
        Assert.Throws<StatsRuleException>(() => grid.Buckets(DateTime.MinValue, Utc(1, 1, 0), StatsInterval.Day));
    }

    [Theory]
    [InlineData("30m")]
    [InlineData("1H")]
    [InlineData("")]
    [InlineData(null)]
    public void AnIntervalWeDoNotReportIsRefused(string? name) =>
        Assert.Equal("interval", Assert.Throws<StatsRuleException>(() => StatsInterval.Parse(name)).Field);

    [Fact]
    public void AnUnknownTimeZoneIsRefused() =>
        Assert.Throws<StatsRuleException>(() => CenterCalendar.For("Mars/Olympus_Mons"));

    private static readonly Gen<(CenterCalendar Calendar, DateTime From, DateTime To)> AnyRange =
        Gen.Select(Gen.Int[0, Calendars.Length - 1], Gen.Long[0, 365L * 24 * 3600], Gen.Int[1, 10 * 24 * 3600])
            .Select((zone, from, length) => (Calendars[zone], Utc(1, 1, 0).AddSeconds(from), Utc(1, 1, 0).AddSeconds(from + length)));

    [Fact]
    public void BucketsMeetEndToEndAndCoverTheRange() =>
        Gen.Select(AnyRange, Gen.Int[0, 2]).Sample((range, interval) =>
        {
            var buckets = new IntervalGrid(range.Calendar).Buckets(range.From, range.To, StatsInterval.All[interval]);
            Assert.True(buckets[0].Start <= range.From && range.To <= buckets[^1].End && buckets[0].End > range.From && buckets[^1].Start < range.To);
            Assert.All(buckets.Zip(buckets.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
            Assert.All(buckets, bucket => Assert.InRange(bucket.Length, TimeSpan.FromMinutes(1), TimeSpan.FromHours(25)));
        });

    [Fact]
    public void EveryQuarterHourSitsInOneHourAndEveryHourInOneDay() =>
        AnyRange.Select(range => range with { To = range.From + ((range.To - range.From) / 4) }).Sample(range =>
        {
            var grid = new IntervalGrid(range.Calendar);
            var quarters = grid.Buckets(range.From, range.To, StatsInterval.QuarterHour);
            var hours = grid.Buckets(range.From, range.To, StatsInterval.Hour);
            var days = grid.Buckets(range.From, range.To, StatsInterval.Day);
            Assert.All(quarters, quarter => Assert.Single(hours, hour => hour.Start <= quarter.Start && quarter.End <= hour.End));
            Assert.All(hours, hour => Assert.Single(days, day => day.Start <= hour.Start && hour.End <= day.End));
            Assert.All(days, day => Assert.Equal(range.Calendar.DayStartOf(day.Start), day.Start));
        });
}
