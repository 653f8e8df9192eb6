using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace CallCenter.Web.Pages.Customers;

/// <summary>A customer with their calls, tickets and what was said on their latest calls.</summary>
public sealed class DetailModel(DirectoryClient people, TranscriptsClient transcripts) : FloorPageModel
{
    /// <summary>Transcripts shown inline; older calls link to their call page.</summary>
    public const int TranscriptsShown = 5;

    [BindProperty(SupportsGet = true)]
    public string CustomerId { get; set; } = "";

    public CustomerWithHistory Customer { get; private set; } = new();

    public IReadOnlyList<Transcript> Transcripts { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetSnapshotAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Snapshot(new { Customer, Transcripts });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Customer = await people.CustomerAsync(CustomerId, cancellationToken);
        Transcripts = await Task.WhenAll(Customer.Calls
            .OrderByDescending(call => call.StartedAt)
            .Take(TranscriptsShown)
            .Select(call => transcripts.GetAsync(call.CallId, cancellationToken)));
    }
}
