using CallCenter.Web.Floor;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Pages.People;

/// <summary>Admins: everyone who signs in here, searched by name, paged.</summary>
public sealed class IndexModel(PeopleClient people, IOptions<FloorOptions> floor) : FloorPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PersonList People { get; private set; } = new([], 0, 0, 0);

    public int PageCount => Math.Max(1, (People.Total + floor.Value.PageSize - 1) / floor.Value.PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var size = floor.Value.PageSize;
        People = await people.ListAsync(string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(), size, (PageNumber - 1) * size, cancellationToken);
    }
}
