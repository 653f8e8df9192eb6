using CallCenter.Web.Floor;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Pages.Sla;

/// <summary>Admins add or change an SLA policy: which tickets, which calendar, the targets per priority, the escalation.</summary>
public sealed class PolicyModel(SlaClient sla, IOptions<FloorOptions> floor) : FloorPageModel
{
    /// <summary>The policy being changed; none when adding one.</summary>
    [BindProperty(SupportsGet = true)]
    public string? PolicyId { get; set; }

    [BindProperty]
    public PolicyInput Input { get; set; } = new();

    public IReadOnlyList<BusinessCalendar> Calendars { get; private set; } = [];

    public IReadOnlyList<string> Departments => floor.Value.Departments;

    public bool Adding => string.IsNullOrEmpty(PolicyId);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Calendars = (await sla.CalendarsAsync(cancellationToken)).Calendars;
        if (!Adding)
        {
            Input = PolicyInput.From(await sla.PolicyAsync(PolicyId!, cancellationToken));
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var request = Input.ToApi(Adding);
                _ = Adding ? await sla.CreatePolicyAsync(request, cancellationToken) : await sla.ReplacePolicyAsync(PolicyId!, request, cancellationToken);
                return RedirectToPage("/Sla/Index");
            }
            catch (ApiProblemException problem)
            {
                ModelState.AddApiProblem(problem, PolicyInput.ApiFields());
            }
        }

        Calendars = (await sla.CalendarsAsync(cancellationToken)).Calendars;
        return Page();
    }
}
