using System.ComponentModel.DataAnnotations;
using CallCenter.Web.Floor;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Pages.Crm;

/// <summary>Opens a ticket; from a call, the caller's name and number are filled in.</summary>
public sealed class NewModel(TicketsClient tickets, CallsClient calls, DirectoryClient people, IOptions<FloorOptions> floor) : FloorPageModel
{
    private static readonly IReadOnlyDictionary<string, string> Fields = ApiProblemModelState.FieldsOf<TicketInput>(nameof(Input));

    [BindProperty]
    public TicketInput Input { get; set; } = new();

    public IReadOnlyList<Agent> Agents { get; private set; } = [];

    public IReadOnlyList<string> Departments => floor.Value.Departments;

    public async Task OnGetAsync(string? callId, CancellationToken cancellationToken)
    {
        if (callId is not null)
        {
            try
            {
                var call = await calls.GetAsync(callId, cancellationToken);
                Input = new TicketInput
                {
                    CallId = call.CallId,
                    CustomerName = call.CustomerName,
                    CustomerPhone = call.PhoneNumber,
                    Department = call.Department,
                    Priority = call.Priority,
                    AssignedTo = call.AgentId,
                };
            }
            catch (ApiProblemException problem)
            {
                ModelState.AddModelError(string.Empty, problem.Detail);
            }
        }

        await LoadAgentsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var created = await tickets.CreateAsync(
                    new NewTicket(Input.CustomerName!, Blank(Input.CustomerPhone), Input.Subject!, Blank(Input.Description),
                        Blank(Input.Priority), Blank(Input.Department), Blank(Input.CallId), Blank(Input.AssignedTo)),
                    cancellationToken);
                return RedirectToPage("/Crm/Ticket", new { created.TicketId });
            }
            catch (ApiProblemException problem)
            {
                ModelState.AddApiProblem(problem, Fields);
            }
        }

        await LoadAgentsAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAgentsAsync(CancellationToken cancellationToken)
    {
        try
        {
            Agents = (await people.AgentsAsync(cancellationToken)).Agents;
        }
        catch (ApiProblemException problem)
        {
            ModelState.AddModelError(string.Empty, problem.Detail);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public sealed class TicketInput
    {
        [Required(ErrorMessage = "Enter the customer's name.")]
        [StringLength(100)]
        [Display(Name = "Customer name")]
        public string? CustomerName { get; set; }

        [StringLength(32)]
        [Display(Name = "Customer phone")]
        public string? CustomerPhone { get; set; }

        [Required(ErrorMessage = "Enter a subject.")]
        [StringLength(200)]
        [Display(Name = "Subject")]
        public string? Subject { get; set; }

        [StringLength(4000)]
        [Display(Name = "Description")]
        public string? Description { get; set; }

        [Display(Name = "Priority")]
        public string? Priority { get; set; }

        [Display(Name = "Department")]
        public string? Department { get; set; }

        [Display(Name = "Assignee")]
        public string? AssignedTo { get; set; }

        [Display(Name = "From call")]
        public string? CallId { get; set; }
    }
}
