namespace CallCenter.ApiService.Stats;

/// <summary>The running counts of one window and scope, turned into <see cref="KpiFigures"/> at the end.</summary>
internal sealed class KpiTally(StatsOptions options)
{
    private readonly ActivityTime _activityTime = new();
    private readonly SortedDictionary<string, int> _agentsByActivity = new(StringComparer.Ordinal);
    private int _offered, _transfersIn, _callbacks, _answered, _answeredWithinThreshold, _abandoned, _shortAbandoned, _transferredOut;
    private int _handled, _callsWaiting;
    private TimeSpan _answeredWait, _handleTime, _longestWait;

    public void Entered(QueueVisit visit)
    {
        if (visit.IsTransferIn)
        {
            _transfersIn++;
            return;
        }

        _offered++;
        _callbacks += visit.IsCallback ? 1 : 0;
        var waited = visit.LeftAt - visit.EnteredAt;
        switch (visit.Outcome)
        {
            case VisitOutcome.Answered:
                _answered++;
                _answeredWait += waited!.Value;
                _answeredWithinThreshold += waited <= TimeSpan.FromSeconds(options.ServiceLevelSecondsFor(visit.Department)) ? 1 : 0;
                break;
            case VisitOutcome.Abandoned:
                _abandoned++;
                _shortAbandoned += waited < options.ShortAbandon ? 1 : 0;
                break;
            case VisitOutcome.TransferredOut:
                _transferredOut++;
                break;
        }
    }

    public void WaitingAt(QueueVisit visit, DateTime snapshot)
    {
        _callsWaiting++;
        _longestWait = snapshot - visit.EnteredAt > _longestWait ? snapshot - visit.EnteredAt : _longestWait;
    }

    public void Handled(HandledCall call)
    {
        _handled++;
        _handleTime += call.HandleTime;
    }

    public void Worked(ActivitySpan span, TimeSpan time) => _activityTime.Add(span, time);

    public void InActivity(ActivitySpan span) => _agentsByActivity[span.Activity] = _agentsByActivity.GetValueOrDefault(span.Activity) + 1;

    public KpiFigures Figures(StatsWindow window, string? department) => new(
        window,
        department,
        _offered,
        _transfersIn,
        _callbacks,
        _answered,
        _answeredWithinThreshold,
        _abandoned,
        _shortAbandoned,
        _transferredOut,
        ServiceLevel: Share.Of(_answeredWithinThreshold, _answered + _abandoned - _shortAbandoned),
        options.ServiceLevelTargetFor(department),
        options.ServiceLevelSecondsFor(department),
        AsaSeconds: Share.SecondsPer(_answeredWait, _answered),
        _handled,
        AhtSeconds: Share.SecondsPer(_handleTime, _handled),
        AbandonRate: Share.Of(_abandoned - _shortAbandoned, _offered - _shortAbandoned),
        _activityTime.Occupancy,
        _callsWaiting,
        LongestWaitSeconds: _callsWaiting > 0 ? _longestWait.TotalSeconds : null,
        _agentsByActivity);
}
