using System.Diagnostics;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Realtime;

namespace CallCenter.UnitTests.Events;

/// <summary>A numbering is reported in the traces of the requests behind it, and only in those that were recorded.</summary>
public sealed class NumberingTraceTests
{
    private static readonly DateTime At = new(2026, 12, 6, 3, 0, 0, DateTimeKind.Utc);

    private static LiveEvent Caused(long id, string? traceParent) =>
        LiveEvent.FromStored(id, "call:new", """{"call_id":"CALL-1"}""", At, traceParent);

    private static string TraceParent(bool recorded) =>
        $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-{(recorded ? "01" : "00")}";

    [Fact]
    public void OnlyRecordedCausesCount()
    {
        var first = TraceParent(recorded: true);
        var second = TraceParent(recorded: true);
        var causes = EventSequencer.TracedCauses(
            [Caused(1, TraceParent(recorded: false)), Caused(2, first), Caused(3, null), Caused(4, "not a trace"), Caused(5, second)]);

        Assert.Equal([ActivityContext.Parse(first, null), ActivityContext.Parse(second, null)], causes);
    }

    [Fact]
    public void EventsOfUntracedRequestsHaveNoCause() =>
        Assert.Empty(EventSequencer.TracedCauses([Caused(1, TraceParent(recorded: false)), Caused(2, null)]));

    [Fact]
    public void AtMost32CausesAreKept() =>
        Assert.Equal(32, EventSequencer.TracedCauses(Enumerable.Range(1, 40).Select(id => Caused(id, TraceParent(recorded: true)))).Count);
}
