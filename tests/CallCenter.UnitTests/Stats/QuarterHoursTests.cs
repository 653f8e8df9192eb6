using CallCenter.ApiService.Stats;
using static CallCenter.UnitTests.Stats.StatsGen;

namespace CallCenter.UnitTests.Stats;

public sealed class QuarterHoursTests
{
    private static readonly FloorHistory Empty = new([], [], []);

    [Fact]
    public void AnIntervalOnTheGridIsItsQuarters()
    {
        var quarters = QuarterHours.Of(Window("09:00", "10:00"))!;
        Assert.Equal([At("09:00"), At("09:15"), At("09:30"), At("09:45")], quarters.Select(quarter => quarter.Start));
        Assert.Equal(At("10:00"), quarters[^1].End);
    }

    [Fact]
    public void AnIntervalOffTheGridHasNoQuarters()
    {
        Assert.Null(QuarterHours.Of(Window("09:00", "09:20")));
        Assert.Null(QuarterHours.Of(Window("09:05", "09:20")));
    }

    [Fact]
    public void FloorFindsTheQuarterAnInstantIsIn()
    {
        Assert.Equal(At("09:15"), QuarterHours.Floor(At("09:29:59.999")));
        Assert.Equal(At("09:30"), QuarterHours.Floor(At("09:30")));
    }

    [Fact]
    public void MissingQuartersJoinIntoRunsOfConsecutiveOnes()
    {
        var runs = QuarterHours.Runs([At("09:00"), At("09:15"), At("10:00"), At("11:45"), At("12:00"), At("12:15")]).ToList();
        Assert.Equal([Window("09:00", "09:30"), Window("10:00", "10:15"), Window("11:45", "12:30")], runs);
        Assert.Empty(QuarterHours.Runs([]));
    }

    [Fact]
    public void AQuarterSettlesASettleTimeAfterItEnds()
    {
        var quarters = QuarterHours.Between(At("09:00"), At("09:30"));
        Assert.Equal([false, false], QuarterHours.Settled(quarters, Empty, At("09:15:59")));
        Assert.Equal([true, false], QuarterHours.Settled(quarters, Empty, At("09:16")));
        Assert.Equal([true, true], QuarterHours.Settled(quarters, Empty, At("09:31")));
    }

    [Fact]
    public void AQuarterWithACallStillWaitingIsNotSettled()
    {
        var quarters = QuarterHours.Between(At("09:00"), At("09:45"));
        var history = new FloorHistory(
            [Visit("C1", "09:14:59", VisitOutcome.Waiting, null), Visit("C2", "09:20", VisitOutcome.Answered, "11:00")], [], []);
        Assert.Equal([false, true, true], QuarterHours.Settled(quarters, history, At("12:00")));
    }
}
