using CallCenter.ApiService.Stats;
using static CallCenter.UnitTests.Stats.StatsGen;

namespace CallCenter.UnitTests.Stats;

/// <summary>AHT: talk plus wrap-up per handled call, counted in the window its wrap-up (or talk, without one) ends.</summary>
public sealed class HandleTimeTests
{
    private static readonly KpiCalculator Calculator = new(new StatsOptions());

    private static readonly FloorHistory Calls = new([], [],
    [
        Handled("H1", "A1", "09:00:10", "09:04:10", "09:05:10"),
        Handled("H2", "A1", "09:05:20", "09:07:20", null),
        Handled("H3", "A2", "09:10:00", "09:14:00", "09:15:00"),
        Handled("H4", "A2", "09:00:00", "09:02:00", null, department: "sales"),
    ]);

    private static readonly StatsWindow[] Quarters = [Window("09:00:00", "09:15:00"), Window("09:15:00", "09:30:00")];

    [Fact]
    public void AhtIsTheMeanOfTalkPlusWrapUp()
    {
        var figures = Calculator.Figures(Calls, Quarters, "support", At("10:00:00"));
        Assert.Equal((2, (300 + 120) / 2.0), (figures[0].Handled, figures[0].AhtSeconds));
    }

    [Fact]
    public void ACallWhoseWrapUpEndsOnTheBoundaryCountsInTheNextWindow()
    {
        var figures = Calculator.Figures(Calls, Quarters, "support", At("10:00:00"));
        Assert.Equal((1, 300.0), (figures[1].Handled, figures[1].AhtSeconds));
    }

    [Fact]
    public void EachAgentGetsTheirOwnHandledCallsAndAht()
    {
        var agents = new KpiCalculator(new StatsOptions()).Agents(Calls, Quarters, null, At("10:00:00"));
        Assert.Equal(
            new (StatsWindow, string, int, double?)[] { (Quarters[0], "A1", 2, 210), (Quarters[0], "A2", 1, 120), (Quarters[1], "A2", 1, 300) },
            agents.Select(agent => (agent.Window, agent.AgentId, agent.Handled, agent.AhtSeconds)));
    }
}
