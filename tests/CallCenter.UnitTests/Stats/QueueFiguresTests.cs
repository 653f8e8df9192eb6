using CallCenter.ApiService.Stats;
using static CallCenter.ApiService.Stats.VisitOutcome;
using static CallCenter.UnitTests.Stats.StatsGen;

namespace CallCenter.UnitTests.Stats;

/// <summary>Offered, answered, abandoned, service level, ASA and abandon rate, hand-computed on a quarter hour of support.</summary>
public sealed class QueueFiguresTests
{
    private static readonly StatsOptions Options = new() { Departments = { ["sales"] = new() { ServiceLevelSeconds = 10, ServiceLevelTarget = 0.9 } } };

    private static readonly KpiCalculator Calculator = new(Options);

    private static readonly StatsWindow NineToQuarterPast = Window("09:00:00", "09:15:00");

    /// <summary>Support's quarter hour from nine: every kind of visit, waits on both sides of T and of the short-abandon limit.</summary>
    private static readonly QueueVisit[] Quarter =
    [
        Visit("C1", "09:00:00", Answered, "09:00:10"),
        Visit("C2", "09:01:00", Answered, "09:01:20"),
        Visit("C3", "09:02:00", Answered, "09:02:21"),
        Visit("C4", "09:03:00", Abandoned, "09:03:04.999"),
        Visit("C5", "09:04:00", Abandoned, "09:04:05"),
        Visit("C6", "09:05:00", Abandoned, "09:05:40"),
        Visit("C7", "09:06:00", TransferredOut, "09:06:30"),
        Visit("C8", "09:10:00", Waiting, null),
        Visit("C9", "09:01:00", Answered, "09:30:00") with { IsCallback = true },
        Visit("C2", "09:07:00", Answered, "09:08:40") with { IsTransferIn = true },
        Visit("S1", "09:00:00", Answered, "09:00:15", department: "sales"),
    ];

    private static KpiFigures Support(string now = "10:00:00") =>
        Calculator.Figures(new FloorHistory(Quarter, [], []), NineToQuarterPast, "support", At(now));

    [Fact]
    public void OfferedCountsEveryCallThatEnteredTheQueueButNotATransferIn()
    {
        var figures = Support();
        Assert.Equal((9, 1, 1), (figures.Offered, figures.TransfersIn, figures.Callbacks));
        Assert.Equal((4, 3, 1, 1), (figures.Answered, figures.Abandoned, figures.ShortAbandoned, figures.TransferredOut));
    }

    [Fact]
    public void ServiceLevelIsAnsweredWithinTOverAnsweredAndAbandonedLessShortAbandons()
    {
        // C1 (10 s) and C2 (exactly 20 s) are within T; C3 (21 s) and the callback C9 are not. Only C4 (4.999 s) was short.
        var figures = Support();
        Assert.Equal(2, figures.AnsweredWithinThreshold);
        Assert.Equal(2.0 / (4 + 3 - 1), figures.ServiceLevel);
        Assert.Equal((0.8, 20), (figures.ServiceLevelTarget, figures.ServiceLevelSeconds));
    }

    [Fact]
    public void AsaIsTheMeanWaitOfAnsweredCallsACallbackWaitingFromItsFirstEntry() =>
        Assert.Equal((10 + 20 + 21 + 1740) / 4.0, Support().AsaSeconds);

    [Fact]
    public void AbandonRateLeavesShortAbandonsOutOfBothSides() =>
        Assert.Equal((3 - 1) / (9.0 - 1), Support().AbandonRate);

    [Fact]
    public void CallsWaitingAndTheLongestWaitAreReadAtTheWindowsEnd()
    {
        var figures = Support();
        Assert.Equal(2, figures.CallsWaiting);
        Assert.Equal(14 * 60, figures.LongestWaitSeconds);
    }

    [Fact]
    public void WhileTheWindowIsStillOpenTheyAreReadNowTransfersInIncluded()
    {
        // At 09:08 the callback C9 has waited 7 minutes and the transfer in C2 one; C8 has not come yet.
        var figures = Calculator.Figures(new FloorHistory(Quarter, [], []), NowWindows.At(At("09:08:00"), Riyadh).Last15Minutes, "support", At("09:08:00"));
        Assert.Equal(2, figures.CallsWaiting);
        Assert.Equal(7 * 60, figures.LongestWaitSeconds);
    }

    [Fact]
    public void ACallsOutcomeCountsInTheWindowItEnteredTheQueue()
    {
        var later = Calculator.Figures(new FloorHistory(Quarter, [], []), Window("09:15:00", "09:30:00"), "support", At("10:00:00"));
        Assert.Equal((0, 0, 0), (later.Offered, later.Answered, later.Abandoned));
        Assert.Null(later.ServiceLevel);
    }

    [Fact]
    public void EachDepartmentIsJudgedByItsOwnTAndTheCenterByEachCallsDepartment()
    {
        var history = new FloorHistory(Quarter, [], []);
        var sales = Calculator.Figures(history, NineToQuarterPast, "sales", At("10:00:00"));
        Assert.Equal((1, 0, 0.0, 0.9, 10), (sales.Answered, sales.AnsweredWithinThreshold, sales.ServiceLevel, sales.ServiceLevelTarget, sales.ServiceLevelSeconds));

        var center = Calculator.Figures(history, NineToQuarterPast, null, At("10:00:00"));
        Assert.Equal((10, 5, 2), (center.Offered, center.Answered, center.AnsweredWithinThreshold));
        Assert.Equal((0.8, 20), (center.ServiceLevelTarget, center.ServiceLevelSeconds));
    }

    [Fact]
    public void OnlyShortAbandonsLeaveServiceLevelAndAbandonRateWithNothingToDivide()
    {
        var figures = Calculator.Figures(new FloorHistory([Visit("C1", "09:00:00", Abandoned, "09:00:02")], [], []), NineToQuarterPast, null, At("10:00:00"));
        Assert.Equal((1, 1, 1), (figures.Offered, figures.Abandoned, figures.ShortAbandoned));
        Assert.Null(figures.ServiceLevel);
        Assert.Null(figures.AbandonRate);
    }

    [Fact]
    public void AnEmptyWindowHasNullsNotNaN()
    {
        var figures = Calculator.Figures(FloorHistory.Empty, NineToQuarterPast, null, At("10:00:00"));
        Assert.Equal((0, 0, 0, 0), (figures.Offered, figures.Answered, figures.Handled, figures.CallsWaiting));
        Assert.All([figures.ServiceLevel, figures.AsaSeconds, figures.AhtSeconds, figures.AbandonRate, figures.Occupancy, figures.LongestWaitSeconds], Assert.Null);
        Assert.Empty(figures.AgentsByActivity);
    }

    [Fact]
    public void ACallAnsweredAtThisVeryInstantAlreadyCountsLive()
    {
        var now = At("09:00:20");
        var history = new FloorHistory([Visit("C1", "09:00:00", Answered, "09:00:20"), Visit("C2", "09:00:20", Waiting, null)], [], []);
        var figures = Calculator.Figures(history, NowWindows.At(now, Riyadh).Today, null, now);
        Assert.Equal((2, 1, 1.0, 1), (figures.Offered, figures.Answered, figures.ServiceLevel, figures.CallsWaiting));
        Assert.Equal(0, figures.LongestWaitSeconds);
    }
}
