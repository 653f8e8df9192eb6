using CallCenter.Web.Floor;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Pages.Crm;

/// <summary>The CRM's tickets, newest first, filtered and paged; new and changed tickets arrive live.</summary>
public sealed class IndexModel(TicketsClient tickets, DirectoryClient people, IOptions<FloorOptions> floor) : FloorPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Priority { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? AssignedTo { get; set; }

    /// <summary>breaching_soon or breached.</summary>
    [BindProperty(SupportsGet = true)]
    public string? SlaStatus { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>The API's sort that puts the next SLA deadline first.</summary>
    public const string NextDeadlineFirst = "sla_due";

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public TicketList Tickets { get; private set; } = new([], 0, 0, 0);

    public IReadOnlyList<Agent> Agents { get; private set; } = [];

    public IReadOnlyList<string> Departments => floor.Value.Departments;

    public int PageCount => Math.Max(1, (Tickets.Total + floor.Value.PageSize - 1) / floor.Value.PageSize);

    public string? LoadProblem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var agents = people.AgentsAsync(cancellationToken);
            var list = ListAsync(cancellationToken);
            await Task.WhenAll(agents, list);
            Agents = agents.Result.Agents;
            Tickets = list.Result;
        }
        catch (ApiProblemException problem)
        {
            LoadProblem = problem.Detail;
        }
    }

    public async Task<IActionResult> OnGetSnapshotAsync(CancellationToken cancellationToken) => Snapshot(await ListAsync(cancellationToken));

    /// <summary>The query of another page of the same filters.</summary>
    public Dictionary<string, string?> RouteFor(int page) => new()
    {
        ["status"] = Status,
        ["priority"] = Priority,
        ["department"] = Department,
        ["assignedTo"] = AssignedTo,
        ["slaStatus"] = SlaStatus,
        ["sort"] = Sort,
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private Task<TicketList> ListAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var size = floor.Value.PageSize;
        return tickets.ListAsync(
            new TicketFilter(Empty(Status), Empty(Priority), Empty(Department), Empty(AssignedTo), null, size, (PageNumber - 1) * size,
                Empty(SlaStatus), Empty(Sort)), cancellationToken);
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
