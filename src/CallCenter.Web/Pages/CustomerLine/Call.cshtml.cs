using CallCenter.Web.Localization;
using CallCenter.Web.Pages.Shared;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CallCenter.Web.Pages.CustomerLine;

/// <summary>The caller's side of a call: where they stand, the conversation, and hanging up.</summary>
public sealed class CallModel(CallsClient calls, TranscriptsClient transcripts, IStringLocalizer<UiText> text)
    : CallTranscriptPageModel(calls, transcripts)
{
    protected override string Speaker => "customer";

    public SayForm Box => new(CallId, text["Type as the customer"], Say, SayError, Call.IsOver);

    /// <summary>Hanging up before anyone answered abandons the call; after, it ends it.</summary>
    public Task<IActionResult> OnPostHangUpAsync(CancellationToken cancellationToken) =>
        ActAsync(async () =>
        {
            var call = await Calls.GetAsync(CallId, cancellationToken);
            if (call.AnsweredAt is null)
            {
                await Calls.ChangeStatusAsync(CallId, CallStatuses.Abandoned, null, cancellationToken);
            }
            else
            {
                await Calls.EndAsync(CallId, cancellationToken);
            }
        }, routeValues: new { CallId });
}
