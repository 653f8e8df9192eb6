using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace CallCenter.Web.Pages.Customers;

/// <summary>A customer with their calls, tickets and what was said on their latest calls.</summary>
public sealed class DetailModel(PeopleClient people, TranscriptsClient transcripts) : FloorPageModel
{
    /// <summary>Transcripts shown inline; older calls link to their call page.</summary>
    public const int TranscriptsShown = 5;

    [BindProperty(SupportsGet = true)]
    public string CustomerId { get; set; } = "";

    public CustomerWithHistory Customer { get; private set; } = new();

    public IReadOnlyList<Transcript> Transcripts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetSnapshotAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Snapshot(new { Customer, Transcripts }) : NotFound();

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Customer = await people.CustomerAsync(CustomerId, cancellationToken);
            Transcripts = await Task.WhenAll(Customer.Calls
                .OrderByDescending(call => call.StartedAt)
                .Take(TranscriptsShown)
                .Select(call => transcripts.GetAsync(call.CallId, cancellationToken)));
            return true;
        }
        catch (ApiProblemException problem) when (problem.Status == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
