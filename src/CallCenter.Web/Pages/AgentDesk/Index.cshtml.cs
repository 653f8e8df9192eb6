using System.ComponentModel.DataAnnotations;
using CallCenter.Web.Floor;
using CallCenter.Web.Services;
using CallCenter.Web.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Pages.AgentDesk;

/// <summary>An agent's desk: their status, the queue, and the calls they are on.</summary>
public sealed class IndexModel(CallsClient calls, DirectoryClient people, IOptions<FloorOptions> floor) : FloorPageModel
{
    public Agent Me { get; private set; } = new();

    public IReadOnlyList<Call> Queue { get; private set; } = [];

    public IReadOnlyList<Call> MyCalls { get; private set; } = [];

    public IReadOnlyList<Agent> Colleagues { get; private set; } = [];

    public IReadOnlyList<string> Departments => floor.Value.Departments;

    [BindProperty]
    public TransferInput Transfer { get; set; } = new();

    public string? LoadProblem { get; private set; }

    private static readonly Dictionary<string, string> TransferFields = new()
    {
        ["target_department"] = $"{nameof(Transfer)}.{nameof(TransferInput.Department)}",
        ["agent_id"] = $"{nameof(Transfer)}.{nameof(TransferInput.AgentId)}",
    };

    private string AgentId => User.AgentIdOf()!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetSnapshotAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return LoadProblem is null ? Snapshot(new { Me, Queue, MyCalls }) : StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    public Task<IActionResult> OnPostStatusAsync(string status, CancellationToken cancellationToken) =>
        ActAsync(() => people.ChangeAgentStatusAsync(AgentId, status, cancellationToken));

    public Task<IActionResult> OnPostAnswerAsync(string callId, CancellationToken cancellationToken) =>
        ActAsync(() => calls.ChangeStatusAsync(callId, CallStatuses.InProgress, AgentId, cancellationToken));

    public Task<IActionResult> OnPostHoldAsync(string callId, CancellationToken cancellationToken) =>
        ActAsync(() => calls.ChangeStatusAsync(callId, CallStatuses.OnHold, null, cancellationToken));

    public Task<IActionResult> OnPostResumeAsync(string callId, CancellationToken cancellationToken) =>
        ActAsync(() => calls.ChangeStatusAsync(callId, CallStatuses.InProgress, null, cancellationToken));

    public Task<IActionResult> OnPostEndAsync(string callId, CancellationToken cancellationToken) =>
        ActAsync(() => calls.EndAsync(callId, cancellationToken));

    public async Task<IActionResult> OnPostTransferAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await calls.TransferAsync(Transfer.CallId!, Transfer.Department, Transfer.AgentId, cancellationToken);
                return RedirectToPage();
            }
            catch (ApiProblemException problem)
            {
                ModelState.AddApiProblem(problem, TransferFields);
            }
        }

        // The failed row shows its errors and keeps what was chosen.
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var me = people.AgentAsync(AgentId, cancellationToken);
            var queue = calls.ListAsync(CallStatuses.Queued, null, cancellationToken);
            var mine = calls.ListAsync(null, AgentId, cancellationToken);
            var everyone = people.AgentsAsync(cancellationToken);
            await Task.WhenAll(me, queue, mine, everyone);
            Me = me.Result;
            Queue = [.. queue.Result.Calls.OrderByDescending(call => PriorityRank(call.Priority)).ThenBy(call => call.QueuedAt)];
            MyCalls = [.. mine.Result.Calls.OrderBy(call => call.StartedAt)];
            Colleagues = [.. everyone.Result.Agents.Where(agent => agent.AgentId != AgentId)];
        }
        catch (ApiProblemException problem)
        {
            LoadProblem = problem.Detail;
        }
    }

    private static int PriorityRank(string priority) => Array.IndexOf(Priorities.All, priority);

    public sealed class TransferInput
    {
        [Required]
        public string? CallId { get; set; }

        [Display(Name = "Department")]
        public string? Department { get; set; }

        [Display(Name = "Agent")]
        public string? AgentId { get; set; }
    }
}
