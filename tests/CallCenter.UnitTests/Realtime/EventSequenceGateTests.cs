using CallCenter.ApiService.Realtime;
using CsCheck;

namespace CallCenter.UnitTests.Realtime;

/// <summary>The feed's ordering: whatever order and however often events arrive, sockets get each one once, in id order.</summary>
public sealed class EventSequenceGateTests
{
    /// <summary>Ids 1..n, some offered twice or more, in any order.</summary>
    private static readonly Gen<(int Count, long[] Offered)> Arrivals =
        Gen.Int[1, 120].SelectMany(count => Gen.Long[1, count].Array[0, count].SelectMany(again =>
            Gen.Shuffle(Enumerable.Range(1, count).Select(id => (long)id).Concat(again).ToArray()).Select(offered => (count, offered))));

    private static List<long> Offer(EventSequenceGate gate, IEnumerable<long> ids)
    {
        var delivered = new List<long>();
        foreach (var id in ids)
        {
            gate.Offer(RealtimeGen.Event(id), liveEvent =>
            {
                // What a subscriber joining now reads as "already sent" must include this event.
                Assert.Equal(liveEvent.Id, gate.Last);
                delivered.Add(liveEvent.Id);
            });
        }

        return delivered;
    }

    private static IEnumerable<long> Range(long first, long last) =>
        first > last ? [] : Enumerable.Range(0, (int)(last - first + 1)).Select(step => first + step);

    [Fact]
    public void EveryIdIsDeliveredExactlyOnceInOrderWhateverTheArrivals() =>
        Arrivals.Sample(arrivals =>
        {
            var gate = new EventSequenceGate();
            var delivered = Offer(gate, arrivals.Offered);

            Assert.Equal(Range(1, arrivals.Count), delivered);
            Assert.Equal(arrivals.Count, gate.Last);
            Assert.Equal(0, gate.Waiting);
        });

    [Fact]
    public void DeliveryNeverGoesBackwardsOrSkipsWhileIdsArrive() =>
        Arrivals.Sample(arrivals =>
        {
            var gate = new EventSequenceGate();
            foreach (var id in arrivals.Offered)
            {
                var before = gate.Last;
                var delivered = Offer(gate, [id]);
                Assert.Equal(Range(before + 1, gate.Last), delivered);
                Assert.False(gate.Holds(gate.Last + 1));
            }
        });

    [Fact]
    public void IdsAtOrBelowTheLastDeliveredAreDropped() =>
        Gen.Select(Gen.Long[0, 1_000_000], Gen.Long[0, 1_000_000].Array[1, 20]).Sample((last, offsets) =>
        {
            var gate = new EventSequenceGate();
            gate.StartAfter(last);

            var delivered = Offer(gate, offsets.Select(offset => Math.Max(-1, last - offset)));

            Assert.Empty(delivered);
            Assert.Equal(last, gate.Last);
            Assert.Equal(0, gate.Waiting);
        });

    [Fact]
    public void AGapHoldsLaterIdsUntilItIsFilled() =>
        Gen.Int[1, 100].SelectMany(count => Gen.Int[1, count].Select(missing => (count, missing))).Sample(gap =>
        {
            var (count, missing) = gap;
            var gate = new EventSequenceGate();

            var first = Offer(gate, Range(1, count).Where(id => id != missing).Reverse());
            Assert.Equal(Range(1, missing - 1), first);
            Assert.Equal(count - missing, gate.Waiting);
            Assert.All(Range(missing + 1, count), id => Assert.True(gate.Holds(id)));

            var rest = Offer(gate, [missing]);
            Assert.Equal(Range(missing, count), rest);
            Assert.Equal(0, gate.Waiting);
        });

    [Fact]
    public void CatchingUpFillsEveryGapAndCountsOnlyWhatNobodyOffered() =>
        Arrivals.SelectMany(arrivals => Gen.Bool.Array[arrivals.Offered.Length].Select(kept => (arrivals.Count, Offered: arrivals.Offered.Where((_, index) => kept[index]).ToArray())))
            .Sample(arrivals =>
            {
                var gate = new EventSequenceGate();
                var delivered = Offer(gate, arrivals.Offered);

                var missed = gate.CatchUp(Range(1, arrivals.Count).Select(id => RealtimeGen.Event(id)), liveEvent => delivered.Add(liveEvent.Id));

                Assert.Equal(Range(1, arrivals.Count), delivered);
                Assert.Equal(arrivals.Count - arrivals.Offered.Distinct().Count(), missed);
                Assert.Equal(0, gate.Waiting);
            });

    [Fact]
    public void ACatchUpThatStopsShortReleasesWhatWaitedBehindIt()
    {
        var gate = new EventSequenceGate();
        gate.StartAfter(10);
        var delivered = Offer(gate, [14, 13, 16]);
        Assert.Empty(delivered);

        // The store read ids 11..12; 13 and 14 were already here, 16 still waits for 15.
        var missed = gate.CatchUp([RealtimeGen.Event(11), RealtimeGen.Event(12)], liveEvent => delivered.Add(liveEvent.Id));

        Assert.Equal(2, missed);
        Assert.Equal([11L, 12, 13, 14], delivered);
        Assert.Equal(14, gate.Last);
        Assert.True(gate.Holds(16));
    }

    [Fact]
    public void ACatchUpIgnoresWhatWasAlreadyDeliveredAndWhatIsNotNext()
    {
        var gate = new EventSequenceGate();
        var delivered = Offer(gate, [1, 2]);

        var missed = gate.CatchUp([RealtimeGen.Event(1), RealtimeGen.Event(2), RealtimeGen.Event(4)], liveEvent => delivered.Add(liveEvent.Id));

        Assert.Equal(0, missed);
        Assert.Equal([1L, 2], delivered);
        Assert.Equal(0, gate.Waiting);
    }
}
