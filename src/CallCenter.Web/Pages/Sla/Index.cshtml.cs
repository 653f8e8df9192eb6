using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace CallCenter.Web.Pages.Sla;

/// <summary>Admins: the business-hours calendars and SLA policies, and putting open tickets under the policies as they are now.</summary>
public sealed class IndexModel(SlaClient sla) : FloorPageModel
{
    private const string RecomputedKey = "sla-recomputed";

    public IReadOnlyList<BusinessCalendar> Calendars { get; private set; } = [];

    public IReadOnlyList<SlaPolicy> Policies { get; private set; } = [];

    /// <summary>How many open tickets the last recompute moved, shown once after its redirect.</summary>
    public int? Recomputed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var calendars = sla.CalendarsAsync(cancellationToken);
        var policies = sla.PoliciesAsync(cancellationToken);
        await Task.WhenAll(calendars, policies);
        Calendars = calendars.Result.Calendars;
        Policies = policies.Result.Policies;
        Recomputed = TempData[RecomputedKey] as int?;
    }

    public Task<IActionResult> OnPostRecomputeAsync(CancellationToken cancellationToken) =>
        ActAsync(async () => TempData[RecomputedKey] = (await sla.RecomputeAsync(cancellationToken)).Tickets);
}
