using CallCenter.Web.Floor;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Pages.Wallboard;

/// <summary>
/// The floor at a glance for supervisors: service level and the standard KPIs for the center or one department, with
/// the last hours' chart; agents by state, the queue and its longest wait, calls in progress.
/// </summary>
public sealed class IndexModel(CallsClient calls, DirectoryClient people, StatsClient stats, IOptions<FloorOptions> floor) : FloorPageModel
{
    /// <summary>The department the figures are for; the whole center when empty.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    public IReadOnlyList<string> Departments => floor.Value.Departments;

    public WallboardFigures? Figures { get; private set; }

    public IReadOnlyList<Agent> Agents { get; private set; } = [];

    public IReadOnlyList<Call> ActiveCalls { get; private set; } = [];

    public IEnumerable<Call> Queue => ActiveCalls.Where(call => call.Status == CallStatuses.Queued);

    public IEnumerable<Call> Talking => ActiveCalls.Where(call => call.Status is CallStatuses.InProgress or CallStatuses.OnHold);

    public DateTime? LongestWaitingSince => Queue.Min(call => call.QueuedAt);

    public string? LoadProblem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var figures = LoadFiguresAsync(cancellationToken);
            await Task.WhenAll(LoadAsync(cancellationToken), figures);
            Figures = await figures;
        }
        catch (ApiProblemException problem)
        {
            LoadProblem = problem.Detail;
        }
    }

    public async Task<IActionResult> OnGetSnapshotAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Snapshot(new { Agents, Calls = ActiveCalls });
    }

    /// <summary>The KPI tiles and chart alone, which the page swaps in whenever the floor's figures change.</summary>
    public async Task<IActionResult> OnGetFiguresAsync(CancellationToken cancellationToken) =>
        Partial("_Figures", await LoadFiguresAsync(cancellationToken));

    private Task<WallboardFigures> LoadFiguresAsync(CancellationToken cancellationToken) =>
        WallboardFigures.LoadAsync(stats, string.IsNullOrWhiteSpace(Department) ? null : Department, cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var agents = people.AgentsAsync(cancellationToken);
        var active = calls.ListAsync(null, null, cancellationToken);
        await Task.WhenAll(agents, active);
        Agents = agents.Result.Agents;
        ActiveCalls = active.Result.Calls;
    }
}
