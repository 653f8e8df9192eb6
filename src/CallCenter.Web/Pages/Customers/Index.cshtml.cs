using CallCenter.Web.Floor;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Pages.Customers;

/// <summary>Everyone who has called or has a ticket, searched by name, number or id.</summary>
public sealed class IndexModel(DirectoryClient people, IOptions<FloorOptions> floor) : FloorPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public CustomerList Customers { get; private set; } = new([], 0, 0, 0);

    public int PageCount => Math.Max(1, (Customers.Total + floor.Value.PageSize - 1) / floor.Value.PageSize);

    public string? LoadProblem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Customers = await ListAsync(cancellationToken);
        }
        catch (ApiProblemException problem)
        {
            LoadProblem = problem.Detail;
        }
    }

    public async Task<IActionResult> OnGetSnapshotAsync(CancellationToken cancellationToken) => Snapshot(await ListAsync(cancellationToken));

    private Task<CustomerList> ListAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var size = floor.Value.PageSize;
        return people.CustomersAsync(string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(), size, (PageNumber - 1) * size, cancellationToken);
    }
}
