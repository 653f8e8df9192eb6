using System.ComponentModel.DataAnnotations;
using CallCenter.Web.Floor;
using CallCenter.Web.Services;
using CallCenter.Web.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Pages.AgentDesk;

/// <summary>
/// An agent's desk: their activity and its control, the call offered to them (ringing until it expires), the queue,
/// the calls they are on, and the wrap-up after one ends.
/// </summary>
public sealed class IndexModel(CallsClient calls, DirectoryClient people, AcdClient acd, IOptions<FloorOptions> floor) : FloorPageModel
{
    public Agent Me { get; private set; } = new();

    /// <summary>The call ringing on this desk as an offer, so a reload keeps showing it until it is settled.</summary>
    public Call? Offer { get; private set; }

    /// <summary>The call just ended, while the agent wraps it up.</summary>
    public Call? WrapUpCall { get; private set; }

    public AcdSettings Acd { get; private set; } = new();

    public IReadOnlyList<Call> Queue { get; private set; } = [];

    /// <summary>The calls the agent is on (an offer is not one of them until accepted).</summary>
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
        return LoadProblem is null ? Snapshot(new { Me, Queue, MyCalls, Offer, WrapUpCall }) : StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Available, on a break (the reason counts only then) or offline; also how wrap-up is finished early.</summary>
    public Task<IActionResult> OnPostActivityAsync(string activity, string? reason, CancellationToken cancellationToken) =>
        ActAsync(() => acd.ChangeActivityAsync(AgentId, activity, activity == AgentActivities.OnBreak ? reason : null, cancellationToken));

    public Task<IActionResult> OnPostAcceptAsync(string callId, CancellationToken cancellationToken) =>
        ActAsync(() => acd.AcceptAsync(callId, AgentId, cancellationToken));

    public Task<IActionResult> OnPostDeclineAsync(string callId, CancellationToken cancellationToken) =>
        ActAsync(() => acd.DeclineAsync(callId, AgentId, cancellationToken));

    public Task<IActionResult> OnPostDispositionAsync(string callId, string code, CancellationToken cancellationToken) =>
        ActAsync(() => acd.RecordDispositionAsync(callId, code, cancellationToken));

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
            var settings = acd.SettingsAsync(cancellationToken);
            await Task.WhenAll(me, queue, mine, everyone, settings);
            Me = me.Result;
            Queue = [.. queue.Result.Calls.OrderByDescending(call => PriorityRank(call.Priority)).ThenBy(call => call.QueuedAt)];
            Offer = mine.Result.Calls.FirstOrDefault(IsOffer);
            MyCalls = [.. mine.Result.Calls.Where(call => !IsOffer(call)).OrderBy(call => call.StartedAt)];
            Colleagues = [.. everyone.Result.Agents.Where(agent => agent.AgentId != AgentId)];
            Acd = settings.Result;
            // An ended call is no longer among the agent's calls, but its wrap-up shows who it was and what was recorded.
            WrapUpCall = Me is { Activity: AgentActivities.WrapUp, CallId: { } ended } ? await calls.GetAsync(ended, cancellationToken) : null;
        }
        catch (ApiProblemException problem)
        {
            LoadProblem = problem.Detail;
        }
    }

    /// <summary>An offer rings with an expiry; a call transferred to the agent rings without one and is answered as before.</summary>
    private static bool IsOffer(Call call) => call.Status == CallStatuses.Ringing && call.OfferExpiresAt is not null;

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
