using System.Text.Json;
using CallCenter.ApiService.Stats;
using CsCheck;
using static CallCenter.UnitTests.Stats.StatsGen;

namespace CallCenter.UnitTests.Stats;

public sealed class ReportPlanTests
{
    private static readonly KpiCalculator Calculator = new(new StatsOptions());

    private static readonly IntervalGrid Grid = new(Riyadh);

    private static HashSet<DateTime> StoredBetween(DateTime from, DateTime to) => [.. QuarterHours.Between(from, to).Select(quarter => quarter.Start)];

    [Fact]
    public void BucketsWhoseQuartersAreAllStoredReadNoHistory()
    {
        var plan = ReportPlan.For(Grid.Buckets(Nine, End, StatsInterval.Hour), StoredBetween(Nine, End));
        Assert.Empty(plan.Reads);
        Assert.All(plan.Buckets, pieces => Assert.Equal(4, pieces.Count(piece => piece.Stored)));
    }

    [Fact]
    public void ADayStartingBeforeTheStoredQuartersReadsOnlyItsGaps()
    {
        // A Riyadh day (21:00 UTC to 21:00 UTC) whose quarters are stored from 09:00 to 15:00 only.
        var day = Grid.Buckets(Nine, End, StatsInterval.Day);
        var plan = ReportPlan.For(day, StoredBetween(Nine, End));
        Assert.Equal([new StatsWindow(day[0].Start, Nine), new StatsWindow(End, day[0].End)], plan.Reads);
        Assert.Equal(24, plan.Buckets[0].Count(piece => piece.Stored));
    }

    [Fact]
    public void ABucketOffTheGridIsCountedWhole()
    {
        var odd = new StatsWindow(At("09:05"), At("10:05"));
        var plan = ReportPlan.For([odd], StoredBetween(Nine, End));
        Assert.Equal([odd], plan.Reads);
        Assert.Equal([new ReportPiece(odd, false)], plan.Buckets[0]);
    }

    [Fact]
    public void ManyGapsAreReadInOne()
    {
        var stored = StoredBetween(Nine, End);
        stored.RemoveWhere(start => start.Minute is 15 or 45);
        var plan = ReportPlan.For(Grid.Buckets(Nine, End, StatsInterval.QuarterHour), stored);
        Assert.Equal([new StatsWindow(At("09:15"), At("15:00"))], plan.Reads);
        Assert.Equal(12, plan.CountedWithin(plan.Reads[0]).Count);
    }

    private static readonly Gen<(FloorHistory History, bool[] Stored, int Interval)> HistoryWithSomeQuartersStored =
        Gen.Select(AnyHistory, Gen.Bool.Array[24], Gen.Int[0, 2]);

    [Fact]
    public void AnyMixOfStoredAndCountedPiecesGivesTheFiguresCountedFromTheHistory() =>
        HistoryWithSomeQuartersStored.Sample((history, storedFlags, intervalIndex) =>
        {
            var interval = new[] { StatsInterval.QuarterHour, StatsInterval.Hour, StatsInterval.Day }[intervalIndex];
            var buckets = Grid.Buckets(Nine, End, interval);
            var quarters = QuarterHours.Between(Nine, End);
            var departments = Calculator.DepartmentTallies(history, quarters, End);
            var stored = Enumerable.Range(0, quarters.Count).Where(index => storedFlags[index]).ToDictionary(
                index => quarters[index].Start,
                index => StoredQuarter.Of(quarters[index].Start, departments.ToDictionary(entry => entry.Key, entry => entry.Value[index])).Center);
            var plan = ReportPlan.For(buckets, stored.Keys.ToHashSet());
            var counted = plan.Reads.SelectMany(read => plan.CountedWithin(read).Zip(Calculator.Tallies(history, plan.CountedWithin(read), null, End)))
                .ToDictionary(pair => pair.First, pair => pair.Second);
            var joined = plan.Tallies(stored, counted).Select((tally, index) => JsonSerializer.Serialize(tally.Figures(buckets[index], null, new StatsOptions())));
            Assert.Equal(Calculator.Figures(history, buckets, null, End).Select(figures => JsonSerializer.Serialize(figures)), joined);
        });
}
