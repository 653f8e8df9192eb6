using CallCenter.Web.Pages.Shared;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace CallCenter.Web.Pages;

/// <summary>
/// A page on one call with its live transcript and a box to speak into it: the agent's call page and the
/// customer's line. A script posts the box with fetch and gets JSON back; without one it is a plain post–redirect–get.
/// </summary>
public abstract class CallTranscriptPageModel(CallsClient calls, TranscriptsClient transcripts) : FloorPageModel
{
    [BindProperty(SupportsGet = true)]
    public string CallId { get; set; } = "";

    [BindProperty]
    public SayInput Say { get; set; } = new();

    public CallDetail Call { get; private set; } = new();

    public IReadOnlyList<TranscriptMessage> Messages { get; private set; } = [];

    /// <summary>Who this page speaks as: <c>agent</c> or <c>customer</c>.</summary>
    protected abstract string Speaker { get; }

    protected CallsClient Calls => calls;

    public string? SayError => ModelState[$"{nameof(Say)}.{nameof(SayInput.Content)}"]?.Errors.FirstOrDefault()?.ErrorMessage
        ?? ModelState[string.Empty]?.Errors.FirstOrDefault()?.ErrorMessage;

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetSnapshotAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Snapshot(new { Call, Messages });
    }

    public async Task<IActionResult> OnPostSayAsync(CancellationToken cancellationToken)
    {
        var scripted = Request.Headers["X-Requested-With"] == "fetch";
        if (ModelState.IsValid)
        {
            try
            {
                var added = await transcripts.AddAsync(CallId, Speaker, Say.Content!.Trim(), Say.Language, cancellationToken);
                return scripted ? Snapshot(added.Message) : RedirectToPage(new { CallId });
            }
            catch (ApiProblemException problem)
            {
                ModelState.AddApiProblem(problem, new Dictionary<string, string> { ["content"] = $"{nameof(Say)}.{nameof(SayInput.Content)}" });
            }
        }

        if (scripted)
        {
            return new JsonResult(new { error = SayError }, ApiJson.Options) { StatusCode = StatusCodes.Status400BadRequest };
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>An unknown call is the page's 404 (see <see cref="FloorPageModel"/>).</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var call = calls.GetAsync(CallId, cancellationToken);
        var transcript = transcripts.GetAsync(CallId, cancellationToken);
        await Task.WhenAll(call, transcript);
        Call = call.Result;
        Messages = transcript.Result.Messages;
    }
}
