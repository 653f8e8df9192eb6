using CallCenter.ApiService.Realtime;
using CallCenter.ApiService.Webhooks;

namespace CallCenter.UnitTests.Webhooks;

/// <summary>A webhook worker's cursor over its feed inbox: in order, never an event twice, unwanted ones passed over.</summary>
public sealed class EndpointRunTests
{
    [Fact]
    public void DrainSendsWantedEventsAfterTheCursorInOrderAndCoversTheUnwanted()
    {
        var run = Run(["call:new"], deliveredThrough: 11, startedAfter: 10, (10, "call:new"), (11, "call:new"), (12, "call:new"), (13, "ticket:created"), (14, "call:new"), (15, "stats:updated"));

        var (batch, through) = run.Drain(100);

        Assert.Equal([12L, 14L], batch.Select(e => e.Id));
        Assert.Equal(15, through);
    }

    [Fact]
    public void DrainStopsAtTheBatchSizeAndTheNextDrainGoesOn()
    {
        var run = Run([WantedEvents.All], deliveredThrough: 0, startedAfter: 0, (1, "call:new"), (2, "ticket:updated"), (3, "call:ended"));

        var (first, firstThrough) = run.Drain(2);
        run.Saved(firstThrough);
        var (second, secondThrough) = run.Drain(2);

        Assert.Equal([1L, 2L], first.Select(e => e.Id));
        Assert.Equal(2, firstThrough);
        Assert.Equal([3L], second.Select(e => e.Id));
        Assert.Equal(3, secondThrough);
    }

    [Fact]
    public void DrainOfAnEmptyInboxCoversNothingNew()
    {
        var run = Run(["call:new"], deliveredThrough: 7, startedAfter: 7);

        var (batch, through) = run.Drain(100);

        Assert.Empty(batch);
        Assert.Equal(7, through);
    }

    /// <summary>Unwanted events passed over are kept in memory until the worker leaves; a fresh read of the row must not undo them.</summary>
    [Fact]
    public void ReadingTheRowAgainNeverMovesTheCursorBack()
    {
        var run = Run(["call:new"], deliveredThrough: 5, startedAfter: 5);
        run.Skipped(9);

        run.Read(Endpoint(["call:new"], deliveredThrough: 5), DateTimeOffset.UnixEpoch);

        Assert.Equal(9, run.Through);
        Assert.Equal(5, run.SavedThrough);
        run.Saved(12);
        Assert.Equal(12, run.SavedThrough);
        Assert.Equal(12, run.Through);
    }

    [Fact]
    public void HeldDeliveriesKeepTheirOrderAndTheTimeOfTheOldestUntilSaved()
    {
        var run = Run(["call:new"], deliveredThrough: 0, startedAfter: 0);
        var first = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

        run.Hold([Delivery(1), Delivery(2)], through: 3, first);
        run.Hold([Delivery(5)], through: 5, first.AddMilliseconds(150));

        Assert.Equal([1L, 2L, 5L], run.Held.Select(held => held.Event.Id));
        Assert.Equal(first, run.HeldSince);
        Assert.Equal(5, run.HeldThrough);
        Assert.Equal(5, run.Through);
        Assert.Equal(0, run.SavedThrough);

        run.Saved(5);

        Assert.Empty(run.Held);
        Assert.Equal(5, run.SavedThrough);
    }

    private static (LiveEvent, DeliveryAttempt) Delivery(long id) =>
        (LiveEvent.FromStored(id, "call:new", "{}", new DateTime(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc), null),
         new DeliveryAttempt(204, TimeSpan.FromMilliseconds(2), "", null, null));

    private static EndpointRun Run(string[] wanted, long deliveredThrough, long startedAfter, params (long Id, string Type)[] events)
    {
        var inbox = new EventSubscriber(EventFilter.Everything, 64, startedAfter);
        foreach (var (id, type) in events)
        {
            inbox.Offer(LiveEvent.FromStored(id, type, "{}", new DateTime(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc), null));
        }

        var run = new EndpointRun(1, inbox);
        run.Read(Endpoint(wanted, deliveredThrough), DateTimeOffset.UnixEpoch);
        return run;
    }

    private static DueEndpoint Endpoint(string[] wanted, long deliveredThrough) =>
        new() { EndpointId = 1, Url = "https://hooks.example.com/", EventTypes = wanted, Enabled = true, DeliveredThrough = deliveredThrough };
}
