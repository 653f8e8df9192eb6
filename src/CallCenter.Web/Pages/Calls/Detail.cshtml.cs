using CallCenter.Web.Localization;
using CallCenter.Web.Pages.Shared;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CallCenter.Web.Pages.Calls;

/// <summary>One call as the floor sees it: who, where it stands, what was said, and how it got here.</summary>
public sealed class DetailModel(CallsClient calls, TranscriptsClient transcripts, IStringLocalizer<UiText> text)
    : CallTranscriptPageModel(calls, transcripts)
{
    protected override string Speaker => "agent";

    public IReadOnlyList<TimelineEntry> Entries => Timeline.Of(Call, text);

    public SayForm Reply => new(CallId, text["Reply as the agent"], Say, SayError, Call.IsOver);

    public Task<IActionResult> OnPostEndAsync(CancellationToken cancellationToken) =>
        ActAsync(() => Calls.EndAsync(CallId, cancellationToken), routeValues: new { CallId });
}
