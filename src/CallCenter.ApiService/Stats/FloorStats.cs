using CallCenter.ApiService.Data;
using CallCenter.ApiService.Events;
using Dapper;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// The floor's figures on request: checks what was asked, reads the history the windows need and lets
/// <see cref="KpiCalculator"/> count. Every figure is recomputed from the stored history, so a report of any past
/// range is the same whenever it is asked for.
/// </summary>
public sealed class FloorStats(
    FloorHistoryReader reader,
    KpiCalculator calculator,
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
        var figures = FiguresOf(await ReadAsync(windows, department, cancellationToken), windows, department);
        return new StatsNow(department, calendar.Zone.Id, windows.Now, figures.Today, figures.Last15Minutes, figures.Last60Minutes);
    }

    /// <summary>
    /// The whole center's live figures at <paramref name="now"/> and each department's, from one read of the history:
    /// a department's figures count only its own visits, calls and agents, so they equal what
    /// <see cref="NowAsync"/> answers for it.
    /// </summary>
    public async Task<StatsUpdated> FloorNowAsync(DateTime now, CancellationToken cancellationToken)
    {
        var windows = NowWindows.At(now, calendar);
        var history = await ReadAsync(windows, department: null, cancellationToken);
        return new StatsUpdated(
            calendar.Zone.Id,
            windows.Now,
            FiguresOf(history, windows, department: null),
            floor.Value.Departments.ToDictionary(department => department, department => FiguresOf(history, windows, department), StringComparer.Ordinal));
    }

    private Task<FloorHistory> ReadAsync(NowWindows windows, string? department, CancellationToken cancellationToken)
    {
        var start = windows.Today.Start < windows.LastHour.Start ? windows.Today.Start : windows.LastHour.Start;
        return reader.ReadAsync(new StatsWindow(start, windows.Today.End), department, [], cancellationToken);
    }

    private NowFigures FiguresOf(FloorHistory history, NowWindows windows, string? department)
    {
        KpiFigures Of(StatsWindow window) => calculator.Figures(history, window, department, windows.Now);
        return new NowFigures(Of(windows.Today), Of(windows.Last15Minutes), Of(windows.LastHour));
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
        var history = await reader.ReadAsync(range, department, agentIds, cancellationToken);
        var now = clock.UtcNow();
        var figures = calculator.Figures(history, buckets, department, now);
        // An agent's own figures cover all they did, whichever department's calls they took.
        var agents = agentIds.Count == 0
            ? []
            : calculator.Agents(history, buckets, null, now).Where(agent => agentIds.Contains(agent.AgentId));
        return new StatsReport(
            department, calendar.Zone.Id, interval.Name, range.Start, range.End, figures, [.. agents]);
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
}
