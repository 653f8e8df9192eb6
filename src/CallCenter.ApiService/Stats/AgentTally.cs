namespace CallCenter.ApiService.Stats;

/// <summary>The running counts of one agent in one window, turned into <see cref="AgentFigures"/> at the end.</summary>
internal sealed class AgentTally
{
    private readonly ActivityTime _activityTime = new();
    private int _handled;
    private TimeSpan _handleTime;

    public void Handled(HandledCall call)
    {
        _handled++;
        _handleTime += call.HandleTime;
    }

    public void Worked(ActivitySpan span, TimeSpan time) => _activityTime.Add(span, time);

    public AgentFigures Figures(StatsWindow window, string agentId) => new(
        window,
        agentId,
        _handled,
        Share.SecondsPer(_handleTime, _handled),
        _activityTime.Occupancy,
        _activityTime.SecondsByActivity,
        _activityTime.SecondsByBreakReason);
}
