namespace CallCenter.ApiService.Stats;

/// <summary>
/// Computes <see cref="KpiFigures"/> and <see cref="AgentFigures"/> from a <see cref="FloorHistory"/>, I/O-free.
/// Which window an event counts in:
/// <list type="bullet">
/// <item>A queue visit counts — offered, answered, abandoned, within T, its wait in ASA — in the window its call
/// entered the queue, like a forecast's arrival interval. Each window's figures are then about one cohort of calls:
/// offered = answered + abandoned + transferred out + still waiting, and service level and abandon rate stay within
/// [0, 1]. A recent window's figures settle as its calls are answered or abandoned; the live windows are recomputed.</item>
/// <item>Answered within T means waited at most T; a short abandon waited strictly less than
/// <c>ShortAbandonSeconds</c>.</item>
/// <item>A handled call counts (handled, AHT) in the window its handling ended, as the issue asks.</item>
/// <item>Activity time is clipped to each window, so a span across a boundary counts in both; an open span runs to
/// <c>now</c>.</item>
/// <item>Calls waiting, longest wait and agents by activity are read at the window's end, or now when sooner.</item>
/// <item>A department's figures count visits of its queue, handled calls of its calls and time of its agents.</item>
/// </list>
/// </summary>
public sealed class KpiCalculator(StatsOptions options)
{
    public KpiFigures Figures(FloorHistory history, StatsWindow window, string? department, DateTime now) =>
        Figures(history, [window], department, now)[0];

    /// <summary>Figures per window; the windows must be in order and must not overlap.</summary>
    public IReadOnlyList<KpiFigures> Figures(FloorHistory history, IReadOnlyList<StatsWindow> windows, string? department, DateTime now) =>
        [.. Tallies(history, windows, department, now).Select((tally, index) => tally.Figures(windows[index], department, options))];

    /// <summary>The counts behind <see cref="Figures(FloorHistory, IReadOnlyList{StatsWindow}, string?, DateTime)"/>, per window.</summary>
    public IReadOnlyList<KpiTally> Tallies(FloorHistory history, IReadOnlyList<StatsWindow> windows, string? department, DateTime now)
    {
        var lookup = new WindowLookup(windows, now);
        var tallies = windows.Select(_ => new KpiTally()).ToArray();
        foreach (var visit in history.Visits.Where(visit => InScope(visit.Department, department)))
        {
            if (lookup.IndexOf(visit.EnteredAt) is var index and >= 0)
            {
                tallies[index].Entered(visit, options);
            }

            foreach (var (snapshotIndex, snapshot) in lookup.SnapshotsWithin(visit.EnteredAt, visit.LeftAt))
            {
                tallies[snapshotIndex].WaitingAt(visit, snapshot);
            }
        }

        foreach (var call in history.HandledCalls.Where(call => InScope(call.Department, department)))
        {
            if (lookup.IndexOf(call.HandlingEndedAt) is var index and >= 0)
            {
                tallies[index].Finished(call);
            }
        }

        foreach (var span in history.Spans.Where(span => InScope(span.Department, department)))
        {
            foreach (var (index, time) in lookup.Overlaps(span.StartedAt, EndOf(span, now)))
            {
                tallies[index].Worked(span, time);
            }

            foreach (var (index, _) in lookup.SnapshotsWithin(span.StartedAt, span.EndedAt))
            {
                tallies[index].InActivity(span);
            }
        }

        return tallies;
    }

    /// <summary>Each department's tallies per window, for every department the history names.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<KpiTally>> DepartmentTallies(FloorHistory history, IReadOnlyList<StatsWindow> windows, DateTime now) =>
        history.Visits.Select(visit => visit.Department)
            .Concat(history.HandledCalls.Select(call => call.Department))
            .Concat(history.Spans.Select(span => span.Department))
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(department => department, department => Tallies(history, windows, department, now), StringComparer.Ordinal);

    /// <summary>Each agent's figures per window, by window then agent id; an agent with nothing in a window is left out.</summary>
    public IReadOnlyList<AgentFigures> Agents(FloorHistory history, IReadOnlyList<StatsWindow> windows, string? department, DateTime now)
    {
        var lookup = new WindowLookup(windows, now);
        var tallies = new Dictionary<(int Index, string AgentId), AgentTally>();
        AgentTally TallyOf(int index, string agentId) =>
            tallies.TryGetValue((index, agentId), out var tally) ? tally : tallies[(index, agentId)] = new AgentTally();

        foreach (var call in history.HandledCalls.Where(call => InScope(call.Department, department)))
        {
            if (lookup.IndexOf(call.HandlingEndedAt) is var index and >= 0)
            {
                TallyOf(index, call.AgentId).Handled(call);
            }
        }

        foreach (var span in history.Spans.Where(span => InScope(span.Department, department)))
        {
            foreach (var (index, time) in lookup.Overlaps(span.StartedAt, EndOf(span, now)))
            {
                TallyOf(index, span.AgentId).Worked(span, time);
            }
        }

        return [.. tallies
            .OrderBy(entry => entry.Key.Index)
            .ThenBy(entry => entry.Key.AgentId, StringComparer.Ordinal)
            .Select(entry => entry.Value.Figures(windows[entry.Key.Index], entry.Key.AgentId))];
    }

    private static bool InScope(string itemDepartment, string? department) => department is null || itemDepartment == department;

    /// <summary>An open span has lasted until now (and not at all if it starts later).</summary>
    private static DateTime EndOf(ActivitySpan span, DateTime now) => span.EndedAt ?? (now > span.StartedAt ? now : span.StartedAt);
}
