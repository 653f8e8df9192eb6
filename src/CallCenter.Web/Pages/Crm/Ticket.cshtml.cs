using System.ComponentModel.DataAnnotations;
using CallCenter.Web.Floor;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Pages.Crm;

/// <summary>One ticket with its history and SLA: assign, reprioritise, move, note, reply, log what the customer said, resolve.</summary>
public sealed class TicketModel(TicketsClient tickets, DirectoryClient people, IOptions<FloorOptions> floor) : FloorPageModel
{
    private static readonly IReadOnlyDictionary<string, string> ChangeFields = ApiProblemModelState.FieldsOf<ChangeInput>(nameof(Change));

    [BindProperty(SupportsGet = true)]
    public string TicketId { get; set; } = "";

    /// <summary>The change form; bound by its own handler only, so posting a note does not validate it.</summary>
    public ChangeInput Change { get; private set; } = new();

    public NoteInput Note { get; private set; } = new();

    public TicketWithHistory Ticket { get; private set; } = new();

    public IReadOnlyList<Agent> Agents { get; private set; } = [];

    public IReadOnlyList<string> Departments => floor.Value.Departments;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Change = ChangeInput.From(Ticket);
    }

    public async Task<IActionResult> OnGetSnapshotAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Snapshot(Ticket);
    }

    /// <summary>Sends only what differs from the ticket as it is now, so an unchanged field is never refused.</summary>
    public async Task<IActionResult> OnPostChangeAsync([Bind(Prefix = nameof(Change))] ChangeInput change, CancellationToken cancellationToken)
    {
        Change = change;
        await LoadAsync(cancellationToken);
        if (ModelState.IsValid)
        {
            var differences = new TicketChange(
                Differs(Change.Status, Ticket.Status), null, Differs(Change.AssignedTo, Ticket.AssignedTo),
                Differs(Change.Priority, Ticket.Priority), Differs(Change.Department, Ticket.Department));
            if (differences == new TicketChange())
            {
                return RedirectToPage(new { TicketId });
            }

            try
            {
                await tickets.ChangeAsync(TicketId, differences, cancellationToken);
                return RedirectToPage(new { TicketId });
            }
            catch (ApiProblemException problem)
            {
                ModelState.AddApiProblem(problem, ChangeFields);
            }
        }

        return Page();
    }

    public Task<IActionResult> OnPostResolveAsync(CancellationToken cancellationToken) =>
        ActAsync(() => tickets.ChangeAsync(TicketId, new TicketChange(Status: TicketStatuses.Resolved), cancellationToken), routeValues: new { TicketId });

    public Task<IActionResult> OnPostNoteAsync([Bind(Prefix = nameof(Note))] NoteInput note, CancellationToken cancellationToken) =>
        WriteAsync(note, "notes", text => new TicketChange(Notes: text), cancellationToken);

    /// <summary>A public reply: it meets the first or next response target.</summary>
    public Task<IActionResult> OnPostReplyAsync([Bind(Prefix = nameof(Note))] NoteInput note, CancellationToken cancellationToken) =>
        WriteAsync(note, "reply", text => new TicketChange(Reply: text), cancellationToken);

    /// <summary>What the customer said: it starts the next response target, and a pending ticket opens again.</summary>
    public Task<IActionResult> OnPostCustomerUpdateAsync([Bind(Prefix = nameof(Note))] NoteInput note, CancellationToken cancellationToken) =>
        WriteAsync(note, "customer_update", text => new TicketChange(CustomerUpdate: text), cancellationToken);

    /// <summary>The text box's words as a note, a reply or a customer update; the API's refusal of its field shows under the box.</summary>
    private async Task<IActionResult> WriteAsync(NoteInput note, string apiField, Func<string, TicketChange> change, CancellationToken cancellationToken)
    {
        Note = note;
        if (ModelState.IsValid)
        {
            try
            {
                await tickets.ChangeAsync(TicketId, change(Note.Text!.Trim()), cancellationToken);
                return RedirectToPage(new { TicketId });
            }
            catch (ApiProblemException problem)
            {
                ModelState.AddApiProblem(problem, new Dictionary<string, string> { [apiField] = $"{nameof(Note)}.{nameof(NoteInput.Text)}" });
            }
        }

        await LoadAsync(cancellationToken);
        Change = ChangeInput.From(Ticket);
        return Page();
    }

    /// <summary>An unknown ticket is the page's 404 (see <see cref="FloorPageModel"/>).</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var ticket = tickets.GetAsync(TicketId, cancellationToken);
        var agents = people.AgentsAsync(cancellationToken);
        await Task.WhenAll(ticket, agents);
        Ticket = ticket.Result;
        Agents = agents.Result.Agents;
    }

    private static string? Differs(string? wanted, string? current) =>
        string.IsNullOrEmpty(wanted) || wanted == current ? null : wanted;

    public sealed class ChangeInput
    {
        [Display(Name = "Status")]
        public string? Status { get; set; }

        [Display(Name = "Priority")]
        public string? Priority { get; set; }

        [Display(Name = "Department")]
        public string? Department { get; set; }

        [Display(Name = "Assignee")]
        public string? AssignedTo { get; set; }

        public static ChangeInput From(Ticket ticket) => new()
        {
            Status = ticket.Status,
            Priority = ticket.Priority,
            Department = ticket.Department,
            AssignedTo = ticket.AssignedTo,
        };
    }

    public sealed class NoteInput
    {
        [Required(ErrorMessage = "Write the note first.")]
        [StringLength(2000, ErrorMessage = "A note holds at most 2,000 characters.")]
        [Display(Name = "Note")]
        public string? Text { get; set; }
    }
}
