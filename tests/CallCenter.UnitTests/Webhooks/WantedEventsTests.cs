using CallCenter.ApiService.Events;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Webhooks;

namespace CallCenter.UnitTests.Webhooks;

public sealed class WantedEventsTests
{
    [Fact]
    public void EveryLiveEventTypeIsKnown()
    {
        Assert.Contains(EventTypes.CallNew, WantedEvents.Known);
        Assert.Contains(EventTypes.TicketSlaBreached, WantedEvents.Known);
        Assert.Equal(typeof(EventTypes).GetFields().Length, WantedEvents.Known.Count);
    }

    [Fact]
    public void StarStandsForEveryTypeWhateverElseIsListed() =>
        Assert.Equal([WantedEvents.All], WantedEvents.Check(["call:new", "*"]));

    [Fact]
    public void RepeatedTypesAreKeptOnce() =>
        Assert.Equal(["call:new", "ticket:created"], WantedEvents.Check(["call:new", "ticket:created", "call:new"]));

    [Fact]
    public void AnUnknownTypeIsRefusedNamingEventTypes()
    {
        var refused = Assert.Throws<ApiProblemException>(() => WantedEvents.Check(["call:new", "call:exploded"]));

        Assert.Equal(400, refused.StatusCode);
        Assert.Equal([WantedEvents.Field], refused.Errors!.Keys);
        Assert.Contains("call:exploded", refused.Detail);
    }
}
