using CallCenter.ApiService.Distribution;
using CallCenter.ApiService.Stats;
using static CallCenter.UnitTests.Stats.StatsGen;

namespace CallCenter.UnitTests.Stats;

/// <summary>Occupancy and time per activity: spans clipped to each window, open spans to now, breaks by reason.</summary>
public sealed class OccupancyTests
{
    private static readonly KpiCalculator Calculator = new(new StatsOptions());

    private static readonly StatsWindow[] Quarters = [Window("09:00:00", "09:15:00"), Window("09:15:00", "09:30:00")];

    private static readonly FloorHistory Floor = new([],
    [
        Span("A1", AgentActivity.Available, "08:50:00", "09:00:10"),
        Span("A1", AgentActivity.OnCall, "09:00:10", "09:04:10"),
        Span("A1", AgentActivity.WrapUp, "09:04:10", "09:05:00"),
        Span("A1", AgentActivity.Available, "09:05:00", "09:10:00"),
        Span("A1", AgentActivity.OnBreak, "09:10:00", "09:20:00") with { BreakReason = "lunch" },
        Span("A1", AgentActivity.Available, "09:20:00", null),
        Span("A2", AgentActivity.Ringing, "09:00:00", "09:00:15"),
        Span("A2", AgentActivity.Missed, "09:00:15", "09:01:00"),
        Span("A2", AgentActivity.OnBreak, "09:01:00", null),
    ], []);

    private static readonly DateTime Now = At("09:25:00");

    [Fact]
    public void OccupancyIsHandlingOverHandlingAndReadyRingingCountingAsReady()
    {
        // Handling: 240 s on call + 50 s wrap-up. Ready: A1's 10 + 300 s available and A2's 15 s ringing. Breaks and misses are out.
        var figures = Calculator.Figures(Floor, Quarters, null, Now);
        Assert.Equal(290.0 / (290 + 325), figures[0].Occupancy);
        Assert.Equal(0.0, figures[1].Occupancy);
    }

    [Fact]
    public void ASpanAcrossABoundaryCountsInBothWindowsAndAnOpenOneRunsToNow()
    {
        var agents = Calculator.Agents(Floor, Quarters, null, Now).Where(agent => agent.AgentId == "A1").ToList();
        Assert.Equal(
            new Dictionary<string, double> { [AgentActivity.Available] = 310, [AgentActivity.OnBreak] = 300, [AgentActivity.OnCall] = 240, [AgentActivity.WrapUp] = 50 },
            agents[0].SecondsByActivity);
        Assert.Equal(new Dictionary<string, double> { [AgentActivity.Available] = 300, [AgentActivity.OnBreak] = 300 }, agents[1].SecondsByActivity);
        Assert.Equal(new Dictionary<string, double> { ["lunch"] = 300 }, agents[1].SecondsByBreakReason);
        Assert.Equal(290.0 / 600, agents[0].Occupancy);
    }

    [Fact]
    public void ABreakWithoutAReasonIsCountedUnderNone()
    {
        var agent = Calculator.Agents(Floor, Quarters, null, Now).Last(agent => agent.AgentId == "A2");
        Assert.Equal(new Dictionary<string, double> { [AgentFigures.NoReason] = 600 }, agent.SecondsByBreakReason);
        Assert.Null(agent.Occupancy);
    }

    [Fact]
    public void AgentsByActivityIsReadAtTheWindowsEndOrNow()
    {
        var figures = Calculator.Figures(Floor, Quarters, null, Now);
        Assert.Equal(new Dictionary<string, int> { [AgentActivity.OnBreak] = 2 }, figures[0].AgentsByActivity);
        Assert.Equal(new Dictionary<string, int> { [AgentActivity.Available] = 1, [AgentActivity.OnBreak] = 1 }, figures[1].AgentsByActivity);
    }

    [Fact]
    public void ADepartmentCountsOnlyItsOwnAgentsTime() =>
        Assert.Null(Calculator.Figures(Floor, Quarters, "sales", Now)[0].Occupancy);
}
