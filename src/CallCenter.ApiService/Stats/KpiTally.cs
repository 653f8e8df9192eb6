namespace CallCenter.ApiService.Stats;

/// <summary>
/// The counts of one window and scope, before they become <see cref="KpiFigures"/>. Every count and time adds up, so
/// the tallies of consecutive windows join into the tally of the whole (<see cref="Then"/>) and the tallies of
/// departments into the center's (<see cref="Plus"/>); the quarter-hours stored in PostgreSQL are kept this way.
/// The snapshot members (calls waiting, longest wait, agents by activity) are read at the window's end.
/// </summary>
public sealed class KpiTally
{
    public int Offered { get; set; }

    public int TransfersIn { get; set; }

    public int Callbacks { get; set; }

    public int Answered { get; set; }

    public int AnsweredWithinThreshold { get; set; }

    public int Abandoned { get; set; }

    public int ShortAbandoned { get; set; }

    public int TransferredOut { get; set; }

    public int Handled { get; set; }

    public long AnsweredWaitTicks { get; set; }

    public long HandleTimeTicks { get; set; }

    public ActivityTime Time { get; init; } = new();

    public int CallsWaiting { get; set; }

    public long LongestWaitTicks { get; set; }

    public Dictionary<string, int> AgentsByActivity { get; init; } = new(StringComparer.Ordinal);

    public void Entered(QueueVisit visit, StatsOptions options)
    {
        if (visit.IsTransferIn)
        {
            TransfersIn++;
            return;
        }

        Offered++;
        Callbacks += visit.IsCallback ? 1 : 0;
        var waited = visit.LeftAt - visit.EnteredAt;
        switch (visit.Outcome)
        {
            case VisitOutcome.Answered:
                Answered++;
                AnsweredWaitTicks += waited!.Value.Ticks;
                AnsweredWithinThreshold += waited <= TimeSpan.FromSeconds(options.ServiceLevelSecondsFor(visit.Department)) ? 1 : 0;
                break;
            case VisitOutcome.Abandoned:
                Abandoned++;
                ShortAbandoned += waited < options.ShortAbandon ? 1 : 0;
                break;
            case VisitOutcome.TransferredOut:
                TransferredOut++;
                break;
        }
    }

    public void WaitingAt(QueueVisit visit, DateTime snapshot)
    {
        CallsWaiting++;
        LongestWaitTicks = Math.Max(LongestWaitTicks, (snapshot - visit.EnteredAt).Ticks);
    }

    public void Finished(HandledCall call)
    {
        Handled++;
        HandleTimeTicks += call.HandleTime.Ticks;
    }

    public void Worked(ActivitySpan span, TimeSpan time) => Time.Add(span, time);

    public void InActivity(ActivitySpan span) => AgentsByActivity[span.Activity] = AgentsByActivity.GetValueOrDefault(span.Activity) + 1;

    /// <summary>True when there is nothing to store: no call, no agent time, nobody waiting or logged in at the end.</summary>
    public bool CountsNothing() =>
        Offered + TransfersIn + Handled + CallsWaiting == 0 && Time.TicksByActivity.Count == 0 && AgentsByActivity.Count == 0;

    /// <summary>This window followed by <paramref name="later"/>: counts and times add, the snapshot is the later one's.</summary>
    public KpiTally Then(KpiTally later)
    {
        var joined = Counted(later);
        joined.CallsWaiting = later.CallsWaiting;
        joined.LongestWaitTicks = later.LongestWaitTicks;
        foreach (var (activity, agents) in later.AgentsByActivity)
        {
            joined.AgentsByActivity[activity] = agents;
        }

        return joined;
    }

    /// <summary>Another scope over the same window (another department): everything adds, the longest wait is the longer.</summary>
    public KpiTally Plus(KpiTally other)
    {
        var joined = Counted(other);
        joined.CallsWaiting = CallsWaiting + other.CallsWaiting;
        joined.LongestWaitTicks = Math.Max(LongestWaitTicks, other.LongestWaitTicks);
        foreach (var (activity, agents) in ActivityTime.Summed(AgentsByActivity, other.AgentsByActivity))
        {
            joined.AgentsByActivity[activity] = agents;
        }

        return joined;
    }

    public KpiFigures Figures(StatsWindow window, string? department, StatsOptions options) => new(
        window,
        department,
        Offered,
        TransfersIn,
        Callbacks,
        Answered,
        AnsweredWithinThreshold,
        Abandoned,
        ShortAbandoned,
        TransferredOut,
        ServiceLevel: Share.Of(AnsweredWithinThreshold, Answered + Abandoned - ShortAbandoned),
        options.ServiceLevelTargetFor(department),
        options.ServiceLevelSecondsFor(department),
        AsaSeconds: Share.SecondsPer(TimeSpan.FromTicks(AnsweredWaitTicks), Answered),
        Handled,
        AhtSeconds: Share.SecondsPer(TimeSpan.FromTicks(HandleTimeTicks), Handled),
        AbandonRate: Share.Of(Abandoned - ShortAbandoned, Offered - ShortAbandoned),
        Time.Occupancy,
        CallsWaiting,
        LongestWaitSeconds: CallsWaiting > 0 ? TimeSpan.FromTicks(LongestWaitTicks).TotalSeconds : null,
        new SortedDictionary<string, int>(AgentsByActivity, StringComparer.Ordinal));

    private KpiTally Counted(KpiTally other) => new()
    {
        Offered = Offered + other.Offered,
        TransfersIn = TransfersIn + other.TransfersIn,
        Callbacks = Callbacks + other.Callbacks,
        Answered = Answered + other.Answered,
        AnsweredWithinThreshold = AnsweredWithinThreshold + other.AnsweredWithinThreshold,
        Abandoned = Abandoned + other.Abandoned,
        ShortAbandoned = ShortAbandoned + other.ShortAbandoned,
        TransferredOut = TransferredOut + other.TransferredOut,
        Handled = Handled + other.Handled,
        AnsweredWaitTicks = AnsweredWaitTicks + other.AnsweredWaitTicks,
        HandleTimeTicks = HandleTimeTicks + other.HandleTimeTicks,
        Time = Time.Plus(other.Time),
    };
}
