using System.Text;
using CallCenter.ApiService.Distribution;
using CallCenter.ApiService.Realtime;

namespace CallCenter.UnitTests.Distribution;

/// <summary>Which feed events wake a replica's distributor: a call queued or an agent available, nothing else.</summary>
public sealed class OfferTriggerTests
{
    [Theory]
    [InlineData("call:routed", """{"call_id":"CALL-1","status":"queued"}""", true)]
    [InlineData("call:updated", """{"call_id":"CALL-1","status":"queued","previous_status":"ringing"}""", true)]
    [InlineData("call:transferred", """{"call_id":"CALL-1","status":"queued"}""", true)]
    [InlineData("call:updated", """{"call_id":"CALL-1","status":"ringing"}""", false)]
    [InlineData("call:offered", """{"call_id":"CALL-1","agent_id":"AGT-001"}""", false)]
    [InlineData("call:ended", """{"call_id":"CALL-1","status":"ended"}""", false)]
    [InlineData("agent:activity_changed", """{"agent_id":"AGT-001","activity":"available"}""", true)]
    [InlineData("agent:activity_changed", """{"agent_id":"AGT-001","activity":"wrap_up"}""", false)]
    [InlineData("agent:status_changed", """{"agent_id":"AGT-001","status":"available"}""", false)]
    [InlineData("ticket:updated", """{"ticket_id":"TKT-20241108-0001","status":"queued"}""", false)]
    [InlineData("call:updated", """{"call_id":"CALL-1","status":7}""", false)]
    public void OnlyAQueuedCallOrAnAvailableAgentMayAllowAnOffer(string type, string data, bool wakes)
    {
        var frame = Encoding.UTF8.GetBytes($$"""{"id":1,"type":"{{type}}","data":{{data}},"ts":"2026-12-02T10:00:00Z"}""");

        Assert.Equal(wakes, OfferTrigger.MayAllowOffer(LiveEvent.FromFrame(frame, traceParent: null)));
    }

    [Theory]
    [InlineData("call:new", false)]
    [InlineData("call:updated", true)]
    [InlineData("call:routed", true)]
    [InlineData("call:transferred", true)]
    [InlineData("call:offered", true)]
    [InlineData("call:ended", true)]
    [InlineData("agent:status_changed", true)]
    [InlineData("agent:activity_changed", true)]
    [InlineData("agent:skills_changed", true)]
    [InlineData("ticket:created", false)]
    [InlineData("ticket:updated", false)]
    [InlineData("ticket:sla_breached", false)]
    [InlineData("message:new", false)]
    [InlineData("stats:updated", false)]
    public void ConcernsDistributionEveryCallAndAgentChangeButANewCall(string type, bool concerns) =>
        Assert.Equal(concerns, OfferTrigger.ConcernsDistribution(type));
}
