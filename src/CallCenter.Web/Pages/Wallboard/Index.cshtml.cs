using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace CallCenter.Web.Pages.Wallboard;

/// <summary>The floor at a glance for supervisors: agents by state, the queue and its longest wait, calls in progress.</summary>
public sealed class IndexModel(CallsClient calls, DirectoryClient people) : FloorPageModel
{
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
            await LoadAsync(cancellationToken);
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

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var agents = people.AgentsAsync(cancellationToken);
        var active = calls.ListAsync(null, null, cancellationToken);
        await Task.WhenAll(agents, active);
        Agents = agents.Result.Agents;
        ActiveCalls = active.Result.Calls;
    }
}
