using CallCenter.Web.Localization;
using CallCenter.Web.Services;
using Microsoft.Extensions.Localization;

namespace CallCenter.Web.Pages.Calls;

public sealed record TimelineEntry(DateTime At, string Text);

/// <summary>A call's story from its own fields and transfers; later changes arrive live and are appended by the page's script.</summary>
public static class Timeline
{
    public static IReadOnlyList<TimelineEntry> Of(CallDetail call, IStringLocalizer<UiText> text)
    {
        var entries = new List<TimelineEntry> { new(call.StartedAt, text["Call started from {0}", call.PhoneNumber]) };
        if (call.QueuedAt is { } queued && call.Transfers.All(transfer => transfer.TransferredAt != queued))
        {
            entries.Add(new(queued, text["Waiting for {0}", text.Of(call.Department)]));
        }

        if (call.AnsweredAt is { } answered)
        {
            entries.Add(new(answered, text["Answered by {0}", call.AgentId ?? "—"]));
        }

        entries.AddRange(call.Transfers.Select(transfer => new TimelineEntry(transfer.TransferredAt, transfer.ToAgent is null
            ? text["Transferred to {0}", text.Of(transfer.ToDepartment)]
            : text["Transferred to {0} ({1})", transfer.ToAgent, text.Of(transfer.ToDepartment)])));
        if (call.EndedAt is { } ended)
        {
            entries.Add(new(ended, text["{0} after {1} s", text.Of(call.Status), call.Duration ?? 0]));
        }

        return [.. entries.OrderBy(entry => entry.At)];
    }
}
