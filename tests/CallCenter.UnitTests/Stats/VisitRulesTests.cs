using CallCenter.ApiService.Distribution;
using CallCenter.ApiService.Stats;
using static CallCenter.UnitTests.Stats.StatsGen;

namespace CallCenter.UnitTests.Stats;

/// <summary>The inputs refuse what cannot have happened, so the arithmetic never sees it.</summary>
public sealed class VisitRulesTests
{
    [Fact]
    public void AVisitCannotLeaveBeforeItEntered() =>
        Assert.Equal("LeftAt", Assert.Throws<StatsRuleException>(() => Visit("C1", "09:00:10", VisitOutcome.Answered, "09:00:00")).Field);

    [Fact]
    public void AWaitingVisitHasNotLeftAndAnEndedOneHas()
    {
        Assert.Throws<StatsRuleException>(() => Visit("C1", "09:00:00", VisitOutcome.Waiting, "09:00:10"));
        Assert.Throws<StatsRuleException>(() => Visit("C1", "09:00:00", VisitOutcome.Abandoned, null));
        Assert.Throws<StatsRuleException>(() => new QueueVisit("C1", "support", At("09:00:00"), (VisitOutcome)42, At("09:00:10")));
    }

    [Fact]
    public void OnlyAnAnsweredVisitHasAnAnswerTime()
    {
        Assert.Equal(At("09:00:07"), Visit("C1", "09:00:00", VisitOutcome.Answered, "09:00:07").AnsweredAt);
        Assert.Null(Visit("C1", "09:00:00", VisitOutcome.Abandoned, "09:00:07").AnsweredAt);
    }

    [Fact]
    public void ASpanNeedsAKnownActivityAndCannotEndBeforeItStarts()
    {
        Assert.Equal("Activity", Assert.Throws<StatsRuleException>(() => Span("A1", "napping", "09:00:00", null)).Field);
        Assert.Equal("EndedAt", Assert.Throws<StatsRuleException>(() => Span("A1", AgentActivity.OnCall, "09:00:00", "08:59:59")).Field);
    }

    [Fact]
    public void AHandledCallRunsAnswerThenTalkThenWrapUp()
    {
        Assert.Throws<StatsRuleException>(() => Handled("C1", "A1", "09:00:00", "08:59:00", null));
        Assert.Throws<StatsRuleException>(() => Handled("C1", "A1", "09:00:00", "09:01:00", "09:00:30"));
        Assert.Equal(TimeSpan.FromSeconds(90), Handled("C1", "A1", "09:00:00", "09:01:00", "09:01:30").HandleTime);
    }

    [Fact]
    public void AWindowMustLastAndWindowsMustNotOverlap()
    {
        Assert.Throws<StatsRuleException>(() => Window("09:00:00", "09:00:00"));
        var calculator = new KpiCalculator(new StatsOptions());
        Assert.Equal("windows", Assert.Throws<StatsRuleException>(() =>
            calculator.Figures(FloorHistory.Empty, [Window("09:00:00", "09:15:00"), Window("09:10:00", "09:30:00")], null, At("10:00:00"))).Field);
    }
}
