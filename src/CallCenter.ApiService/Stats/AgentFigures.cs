namespace CallCenter.ApiService.Stats;

/// <summary>One agent's measures over one window: calls handled, their AHT, occupancy and time in each state.</summary>
/// <param name="Window">The window the figures cover.</param>
/// <param name="AgentId">The agent.</param>
/// <param name="Handled">Calls the agent finished handling (wrap-up ended, or talk when there was none) in the window.</param>
/// <param name="AhtSeconds">Mean talk + hold + wrap-up of those calls.</param>
/// <param name="Occupancy">Handling time ÷ (handling + ready time); see <see cref="Stats.Occupancy"/>.</param>
/// <param name="SecondsByActivity">Time in each activity, clipped to the window.</param>
/// <param name="SecondsByBreakReason">Break time by the reason given; <see cref="NoReason"/> when none was.</param>
public sealed record AgentFigures(
    StatsWindow Window,
    string AgentId,
    int Handled,
    double? AhtSeconds,
    double? Occupancy,
    IReadOnlyDictionary<string, double> SecondsByActivity,
    IReadOnlyDictionary<string, double> SecondsByBreakReason)
{
    public const string NoReason = "none";
}
