using CallCenter.ApiService.Realtime;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace CallCenter.UnitTests.Realtime;

/// <summary>A subscriber's inbox: a bounded first-in first-out queue for one reader that waits without a channel.</summary>
public sealed class EventInboxTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private enum Step { Write, Read, Complete }

    /// <summary>A capacity and a run of writes, reads and (rarely) a completion.</summary>
    private static readonly Gen<(int Capacity, Step[] Steps)> Runs = Gen.Select(
        Gen.Int[1, 12],
        Gen.Frequency((8, Gen.Const(Step.Write)), (8, Gen.Const(Step.Read)), (1, Gen.Const(Step.Complete))).Array[0, 80]);

    [Fact]
    public void BehavesAsABoundedQueueWhateverTheWritesAndReads() =>
        Runs.Sample(run =>
        {
            var inbox = new EventInbox(run.Capacity);
            var model = new Queue<long>();
            var completed = false;
            var next = 1L;
            foreach (var step in run.Steps)
            {
                switch (step)
                {
                    case Step.Write:
                        var taken = !completed && model.Count < run.Capacity;
                        Assert.Equal(taken, inbox.TryWrite(RealtimeGen.Event(next)));
                        if (taken)
                        {
                            model.Enqueue(next);
                        }

                        next++;
                        break;
                    case Step.Read:
                        Assert.Equal(model.Count > 0, inbox.TryRead(out var read));
                        if (read is not null)
                        {
                            Assert.Equal(model.Dequeue(), read.Id);
                        }

                        break;
                    default:
                        Assert.Equal(!completed, inbox.TryComplete());
                        completed = true;
                        break;
                }

                Assert.Equal(model.Count, inbox.Count);
                Assert.Equal(completed, inbox.IsCompleted);
                Assert.Equal(completed && model.Count == 0, inbox.Completion.IsCompleted);
            }
        });

    [Fact]
    public async Task AWaitingReadWakesWhenAnEventArrives()
    {
        var inbox = new EventInbox(4);
        var waiting = inbox.WaitToReadAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        Assert.True(inbox.TryWrite(RealtimeGen.Event(1)));

        Assert.True(await waiting.WaitAsync(Deadline));
        Assert.True(inbox.TryRead(out var read));
        Assert.Equal(1, read.Id);
    }

    [Fact]
    public async Task AWaitingReadAnswersFalseOnceCompletedAndDrained()
    {
        var inbox = new EventInbox(4);
        inbox.TryWrite(RealtimeGen.Event(1));
        Assert.True(await inbox.WaitToReadAsync(CancellationToken.None));
        inbox.TryRead(out _);
        var waiting = inbox.WaitToReadAsync(CancellationToken.None).AsTask();

        inbox.TryComplete();

        Assert.False(await waiting.WaitAsync(Deadline));
        await inbox.Completion.WaitAsync(Deadline);
        Assert.False(inbox.TryWrite(RealtimeGen.Event(2)));
    }

    [Fact]
    public async Task EventsQueuedBeforeCompletionAreStillRead()
    {
        var inbox = new EventInbox(4);
        inbox.TryWrite(RealtimeGen.Event(1));
        inbox.TryWrite(RealtimeGen.Event(2));
        inbox.TryComplete();

        var read = new List<long>();
        await foreach (var liveEvent in inbox.ReadAllAsync().WithCancellation(CancellationToken.None))
        {
            read.Add(liveEvent.Id);
        }

        Assert.Equal([1L, 2L], read);
        Assert.True(inbox.Completion.IsCompleted);
    }

    [Fact]
    public async Task ACancelledWaitThrowsAndTheNextWaitStillWakes()
    {
        var inbox = new EventInbox(4);
        using var first = new CancellationTokenSource();
        var cancelled = inbox.WaitToReadAsync(first.Token).AsTask();

        await first.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Deadline));
        using var second = new CancellationTokenSource();
        var waiting = inbox.WaitToReadAsync(second.Token).AsTask();
        inbox.TryWrite(RealtimeGen.Event(1));
        Assert.True(await waiting.WaitAsync(Deadline));
    }

    [Fact]
    public async Task AnAlreadyCancelledTokenIsAnsweredAtOnceUnlessEventsWait()
    {
        var inbox = new EventInbox(4);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.True(inbox.WaitToReadAsync(cancelled.Token).IsCanceled);
        inbox.TryWrite(RealtimeGen.Event(1));
        Assert.True(await inbox.WaitToReadAsync(cancelled.Token));
    }

    [Fact]
    public void OneReaderWaitsAtATime()
    {
        var inbox = new EventInbox(4);
        _ = inbox.WaitToReadAsync(CancellationToken.None);

        Assert.Throws<InvalidOperationException>(() => inbox.WaitToReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AWriterOnAnotherThreadHandsOverEveryEventInOrder()
    {
        const int Events = 20_000;
        var inbox = new EventInbox(16);
        var writer = Task.Run(async () =>
        {
            for (var id = 1L; id <= Events; id++)
            {
                // A full inbox is the reader's turn; the feed itself never waits (it overflows instead).
                while (!inbox.TryWrite(RealtimeGen.Event(id)))
                {
                    await Task.Yield();
                }
            }

            inbox.TryComplete();
        });

        var expected = 1L;
        while (await inbox.WaitToReadAsync(CancellationToken.None).AsTask().WaitAsync(Deadline))
        {
            while (inbox.TryRead(out var liveEvent))
            {
                Assert.Equal(expected++, liveEvent.Id);
            }
        }

        await writer.WaitAsync(Deadline);
        Assert.Equal(Events + 1, expected);
    }

    [Fact]
    public void AFullSubscriberOverflowsOnceAndCutsItsStuckWritesOffAfterTheGrace()
    {
        var clock = new FakeTimeProvider();
        using var stuckWrites = new CancellationTokenSource(Timeout.InfiniteTimeSpan, clock);
        var subscriber = new EventSubscriber(EventFilter.Everything, capacity: 2, startedAfter: 0, stuckWrites);
        subscriber.GoLive();

        for (var id = 1L; id <= 5; id++)
        {
            subscriber.Offer(RealtimeGen.Event(id));
            clock.Advance(EventSubscriber.OverflowGrace / 4);
        }

        // Full at the third event (at 1 s); the fourth and fifth neither reopen it nor push the cut-off past 3 s.
        Assert.True(subscriber.Overflowed);
        Assert.False(stuckWrites.IsCancellationRequested);
        clock.Advance(EventSubscriber.OverflowGrace / 4);
        Assert.True(stuckWrites.IsCancellationRequested);
        Assert.True(subscriber.Inbox.TryRead(out var first));
        Assert.True(subscriber.Inbox.TryRead(out var second));
        Assert.False(subscriber.Inbox.TryRead(out _));
        Assert.Equal([1L, 2L], [first.Id, second.Id]);
    }

    [Fact]
    public void AnInboxThatOverflowsDuringTheReplayCutsOffOnlyAGraceAfterGoingLive()
    {
        var clock = new FakeTimeProvider();
        using var stuckWrites = new CancellationTokenSource(Timeout.InfiniteTimeSpan, clock);
        var subscriber = new EventSubscriber(EventFilter.Everything, capacity: 2, startedAfter: 0, stuckWrites);

        for (var id = 1L; id <= 3; id++)
        {
            subscriber.Offer(RealtimeGen.Event(id));
        }

        // The replay is still sending: however long it takes, the overflow does not cut it off.
        clock.Advance(EventSubscriber.OverflowGrace * 5);
        Assert.True(subscriber.Overflowed);
        Assert.False(stuckWrites.IsCancellationRequested);

        subscriber.GoLive();
        clock.Advance(EventSubscriber.OverflowGrace - TimeSpan.FromMilliseconds(1));
        Assert.False(stuckWrites.IsCancellationRequested);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(stuckWrites.IsCancellationRequested);
    }

    [Fact]
    public async Task GoingLiveWhileTheFeedOverflowsTheInboxArmsTheCutOffExactlyOnce()
    {
        for (var round = 0; round < 200; round++)
        {
            var clock = new FakeTimeProvider();
            using var stuckWrites = new CancellationTokenSource(Timeout.InfiniteTimeSpan, clock);
            var subscriber = new EventSubscriber(EventFilter.Everything, capacity: 1, startedAfter: 0, stuckWrites);
            using var start = new Barrier(2);
            var feed = Task.Run(() =>
            {
                start.SignalAndWait(Deadline);
                for (var id = 1L; id <= 4; id++)
                {
                    subscriber.Offer(RealtimeGen.Event(id));
                }
            });
            var session = Task.Run(() =>
            {
                start.SignalAndWait(Deadline);
                subscriber.GoLive();
            });
            await Task.WhenAll(feed, session).WaitAsync(Deadline);

            // Whichever came last armed it, and only once: the grace counts from that moment, not from a later re-arm.
            clock.Advance(EventSubscriber.OverflowGrace - TimeSpan.FromMilliseconds(1));
            Assert.False(stuckWrites.IsCancellationRequested);
            subscriber.GoLive();
            subscriber.Offer(RealtimeGen.Event(5));
            clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.True(stuckWrites.IsCancellationRequested, $"round {round}");
        }
    }

    [Fact]
    public void AnEmptiedInboxGivesABurstsRingBackAndKeepsASmallOne()
    {
        var inbox = new EventInbox(capacity: 4096);
        Assert.Equal(0, inbox.RingSize);

        for (var id = 1L; id <= 1000; id++)
        {
            Assert.True(inbox.TryWrite(RealtimeGen.Event(id)));
        }

        Assert.True(inbox.RingSize >= 1000);
        while (inbox.TryRead(out _))
        {
        }

        Assert.Equal(0, inbox.RingSize);

        for (var id = 1001L; id <= 1010; id++)
        {
            Assert.True(inbox.TryWrite(RealtimeGen.Event(id)));
        }

        for (var read = 0; read < 10; read++)
        {
            Assert.True(inbox.TryRead(out var next));
            Assert.Equal(1001L + read, next.Id);
        }

        Assert.InRange(inbox.RingSize, 10, EventInbox.KeptRing);
    }

    [Fact]
    public void CuttingASubscriberOffCancelsItsSocket()
    {
        using var cutOff = new CancellationTokenSource();
        var subscriber = new EventSubscriber(EventFilter.Everything, capacity: 2, startedAfter: 0, cutOff);

        subscriber.CutOff();

        Assert.True(cutOff.IsCancellationRequested);
    }

    [Fact]
    public void AnEndedSubscriberTakesNothingAndIsNotOverflowedNorCutOff()
    {
        using var stuckWrites = new CancellationTokenSource();
        var subscriber = new EventSubscriber(EventFilter.Everything, capacity: 2, startedAfter: 0, stuckWrites);
        subscriber.Close();
        stuckWrites.Dispose();

        subscriber.Offer(RealtimeGen.Event(1));
        subscriber.CutOff();

        Assert.False(subscriber.Overflowed);
        Assert.True(subscriber.Inbox.Completion.IsCompleted);
    }
}
