using CallCenter.ApiService.Data;
using CallCenter.ApiService.Events;
using Dapper;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// The floor's figures on request: checks what was asked, joins the settled quarter-hours already stored
/// (<see cref="QuarterStore"/>) and lets <see cref="KpiCalculator"/> count the rest from the history. Stored quarters
/// are counted by the same calculator and add up exactly, so a report is the same whichever way it was made.
/// </summary>
public sealed class FloorStats(
    FloorHistoryReader reader,
    KpiCalculator calculator,
    QuarterStore quarters,
    QuarterRollup rollup,
    IOptions<StatsOptions> thresholds,
    IntervalGrid grid,
    CenterCalendar calendar,
    IOptions<CallCenterOptions> floor,
    CallCenterDatabase database,
    TimeProvider clock)
{
    /// <summary>A report names agents to compare, not the whole floor one by one.</summary>
    public const int MaxAgents = 100;

    public async Task<StatsNow> NowAsync(StatsNowRequest request, CancellationToken cancellationToken)
    {
        var department = DepartmentOf(request.Department);
        var windows = NowWindows.At(clock.UtcNow(), calendar);
        var figures = FiguresOf(await LiveAsync(windows, department, cancellationToken), windows, department);
        return new StatsNow(department, calendar.Zone.Id, windows.Now, figures.Today, figures.Last15Minutes, figures.Last60Minutes);
    }

    /// <summary>
    /// The whole center's live figures at <paramref name="now"/> and each department's, from one read of the stored
    /// quarters and the history: a department's figures count only its own visits, calls and agents, so they equal
    /// what <see cref="NowAsync"/> answers for it.
    /// </summary>
    public async Task<StatsUpdated> FloorNowAsync(DateTime now, CancellationToken cancellationToken)
    {
        var windows = NowWindows.At(now, calendar);
        var live = await LiveAsync(windows, department: null, cancellationToken);
        return new StatsUpdated(
            calendar.Zone.Id,
            windows.Now,
            FiguresOf(live, windows, department: null),
            floor.Value.Departments.ToDictionary(department => department, department => FiguresOf(live, windows, department), StringComparer.Ordinal));
    }

    /// <summary>The day's settled quarters as stored, then the history from the first one missing (or the last hour's start).</summary>
    private async Task<LiveHistory> LiveAsync(NowWindows windows, string? department, CancellationToken cancellationToken)
    {
        var today = windows.Today;
        var stored = QuarterHours.IsOn(today.Start) ? await quarters.ReadAllAsync(today, cancellationToken) : new Dictionary<DateTime, StoredQuarter>();
        var settled = new List<StoredQuarter>();
        var countFrom = today.Start;
        while (stored.TryGetValue(countFrom, out var quarter) && countFrom + QuarterHours.Length < today.End)
        {
            settled.Add(quarter);
            countFrom += QuarterHours.Length;
        }

        var readFrom = countFrom < windows.LastHour.Start ? countFrom : windows.LastHour.Start;
        var history = await reader.ReadAsync(new StatsWindow(readFrom, today.End), department, [], cancellationToken);
        return new LiveHistory(settled, countFrom, history);
    }

    private NowFigures FiguresOf(LiveHistory live, NowWindows windows, string? department)
    {
        var options = thresholds.Value;
        KpiTally TallyOf(StatsWindow window) => calculator.Tallies(live.History, [window], department, windows.Now)[0];
        var today = live.Settled.Aggregate(new KpiTally(), (sum, quarter) => sum.Then(quarter.For(department)))
            .Then(TallyOf(new StatsWindow(live.CountFrom, windows.Today.End)));
        return new NowFigures(
            today.Figures(windows.Today, department, options),
            TallyOf(windows.Last15Minutes).Figures(windows.Last15Minutes, department, options),
            TallyOf(windows.LastHour).Figures(windows.LastHour, department, options));
    }

    public async Task<StatsReport> IntervalsAsync(StatsIntervalsRequest request, CancellationToken cancellationToken)
    {
        var from = calendar.Instant(request.From, "from");
        var to = calendar.Instant(request.To, "to");
        var interval = StatsInterval.Parse(request.Interval);
        var buckets = grid.Buckets(from, to, interval);
        var department = DepartmentOf(request.Department);
        var agentIds = await AgentIdsAsync(request.AgentId, cancellationToken);
        var range = new StatsWindow(buckets[0].Start, buckets[^1].End);
        var now = clock.UtcNow();
        IReadOnlyList<KpiFigures> figures;
        IEnumerable<AgentFigures> agents = [];
        if (agentIds.Count == 0)
        {
            figures = await FiguresAsync(buckets, department, now, cancellationToken);
        }
        else
        {
            // Agents' own figures are counted from the history, which then serves the floor's figures as well.
            var history = await reader.ReadAsync(range, department, agentIds, cancellationToken);
            figures = calculator.Figures(history, buckets, department, now);
            // An agent's own figures cover all they did, whichever department's calls they took.
            agents = calculator.Agents(history, buckets, null, now).Where(agent => agentIds.Contains(agent.AgentId));
        }

        return new StatsReport(
            department, calendar.Zone.Id, interval.Name, range.Start, range.End, figures, [.. agents]);
    }

    /// <summary>Recounts the settled quarters of a range from the history and stores them again (admins' repair).</summary>
    public async Task<StatsRebuild> RebuildAsync(StatsRebuildRequest request, CancellationToken cancellationToken)
    {
        var from = calendar.Instant(request.From, "from");
        var to = calendar.Instant(request.To, "to");
        var span = grid.Buckets(from, to, StatsInterval.QuarterHour);
        var range = new StatsWindow(QuarterHours.Floor(span[0].Start), span[^1].End);
        var started = clock.GetTimestamp();
        var rolled = await rollup.RollAsync(range, waitForLock: true, cancellationToken);
        return new StatsRebuild(range.Start, range.End, rolled!.Stored, rolled.Unsettled, clock.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Each bucket from its quarters: stored where they are, counted from the history where not (<see cref="ReportPlan"/>).</summary>
    private async Task<IReadOnlyList<KpiFigures>> FiguresAsync(
        IReadOnlyList<StatsWindow> buckets, string? department, DateTime now, CancellationToken cancellationToken)
    {
        var stored = await quarters.ReadAsync(new StatsWindow(buckets[0].Start, buckets[^1].End), department, cancellationToken);
        var plan = ReportPlan.For(buckets, stored.Keys.ToHashSet());
        var counted = new Dictionary<StatsWindow, KpiTally>();
        foreach (var read in plan.Reads)
        {
            var pieces = plan.CountedWithin(read);
            var history = await reader.ReadAsync(read, department, [], cancellationToken);
            foreach (var (piece, tally) in pieces.Zip(calculator.Tallies(history, pieces, department, now)))
            {
                counted[piece] = tally;
            }
        }

        return [.. plan.Tallies(stored, counted).Select((tally, index) => tally.Figures(buckets[index], department, thresholds.Value))];
    }

    private string? DepartmentOf(string? department)
    {
        var departments = floor.Value.Departments;
        return department is null || departments.Contains(department)
            ? department
            : throw new StatsRuleException("department", $"must be one of: {string.Join(", ", departments)}.");
    }

    private async Task<IReadOnlyCollection<string>> AgentIdsAsync(string? agentIds, CancellationToken cancellationToken)
    {
        var named = (agentIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (named.Count > MaxAgents)
        {
            throw new StatsRuleException("agent_id", $"names more than {MaxAgents} agents.");
        }

        if (named.Count == 0)
        {
            return named;
        }

        var known = await database.ReadAsync(
            connection => connection.QueryAsync<string>(
                new CommandDefinition("SELECT agent_id FROM agents WHERE agent_id = ANY(@named)", new { named = named.ToArray() }, cancellationToken: cancellationToken)),
            cancellationToken);
        var unknown = named.Except(known, StringComparer.Ordinal).Order(StringComparer.Ordinal).FirstOrDefault();
        return unknown is null ? named : throw new StatsRuleException("agent_id", $"there is no agent '{unknown}'.");
    }

    /// <summary>What the live windows are counted from: the day's stored quarters up to <see cref="CountFrom"/>, then the history.</summary>
    private sealed record LiveHistory(IReadOnlyList<StoredQuarter> Settled, DateTime CountFrom, FloorHistory History);
}
