using System.Text.Json;
using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Realtime;

namespace CallCenter.ApiService.Distribution;

/// <summary>
/// Which events from the feed may allow an offer another replica has not made: a call joining a queue, or an agent
/// becoming available. Timers (ring-outs, wrap-ups, callbacks, overflow) are due times each pass reads, so the many
/// other call and agent events need not wake every replica into a pass that only contends for the lock.
/// </summary>
public static class OfferTrigger
{
    public static bool MayAllowOffer(LiveEvent liveEvent) =>
        liveEvent.Type == EventTypes.AgentActivityChanged
            ? DataSays(liveEvent.Frame, "activity", AgentActivity.Available)
            // Routed, transferred, back from an offer, or a callback's place: every call event carries the call.
            : liveEvent.Topic == "calls" && DataSays(liveEvent.Frame, "status", CallStatus.Queued);

    /// <summary>
    /// Whether a committed event of this type can matter to distribution at all, here or later: any call or agent
    /// change (it may queue a call, free an agent, or set a timer: a ring-out, a wrap-up, a callback) except a call
    /// just started, which is in no queue and with no agent yet. Tickets, messages and figures never do.
    /// </summary>
    public static bool ConcernsDistribution(string type) =>
        type != EventTypes.CallNew && (type.StartsWith("call:", StringComparison.Ordinal) || type.StartsWith("agent:", StringComparison.Ordinal));

    private static bool DataSays(ReadOnlyMemory<byte> frame, string field, string value)
    {
        using var document = JsonDocument.Parse(frame);
        return document.RootElement.TryGetProperty("data", out var data)
            && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty(field, out var text)
            && text.ValueKind == JsonValueKind.String
            && text.ValueEquals(value);
    }
}
