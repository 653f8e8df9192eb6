using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Distribution;
using CsCheck;
using static CallCenter.UnitTests.Distribution.DistributionGen;

namespace CallCenter.UnitTests.Distribution;

/// <summary>Who is served first: priority, then time waiting, with ageing so a low call is not left behind for ever.</summary>
public sealed class QueueOrderTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static readonly string[] Priorities = [Priority.Low, Priority.Medium, Priority.High, Priority.Urgent];

    private static readonly Gen<TimeSpan?> Ageing = Gen.Int[0, 300].Select(seconds => seconds == 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(seconds));

    [Fact]
    public void WithoutAgeingHigherPriorityGoesFirstThenTheLongestWaitingThenCallId()
    {
        var order = new QueueOrder(ageing: null);
        var sorted = order.Sort(
            [Call("C4", Priority.Low, 900), Call("C3", Priority.High, 10), Call("C2", Priority.High, 20), Call("C1", Priority.High, 20)],
            Nine);

        Assert.Equal(["C1", "C2", "C3", "C4"], sorted.Select(call => call.CallId));
    }

    [Fact]
    public void AgeingRaisesACallOneLevelPerStepUpToUrgent()
    {
        var order = new QueueOrder(Minute);
        Assert.Equal(1, order.EffectiveRank(Call("C1", Priority.Low, 59), Nine));
        Assert.Equal(2, order.EffectiveRank(Call("C1", Priority.Low, 60), Nine));
        Assert.Equal(4, order.EffectiveRank(Call("C1", Priority.Low, 180), Nine));
        Assert.Equal(Priority.TopRank, order.EffectiveRank(Call("C1", Priority.High, 3600), Nine));
    }

    [Fact]
    public void AnAgedLowCallGoesAheadOfAFreshHighCall()
    {
        var order = new QueueOrder(Minute);
        var sorted = order.Sort([Call("C1", Priority.High, 0), Call("C2", Priority.Low, 120)], Nine);
        Assert.Equal(["C2", "C1"], sorted.Select(call => call.CallId));
    }

    [Fact]
    public void ACallBackFromADeclinedOfferTakesItsOwnPlaceAgain()
    {
        var order = new QueueOrder(ageing: null);
        var returning = Call("C1", Priority.Medium, 300);
        var sorted = order.Sort([Call("C2", Priority.Medium, 100), Call("C3", Priority.Medium, 200), returning], Nine);
        Assert.Equal("C1", sorted[0].CallId);
    }

    [Fact]
    public void TheOrderIsTotalAndAgreesWithSort() =>
        Gen.Select(Ageing, SomeCalls).Sample((ageing, calls) =>
        {
            var order = new QueueOrder(ageing);
            var sorted = order.Sort(calls, Nine);
            Assert.Equal(calls.Length, sorted.Count);
            for (var index = 1; index < sorted.Count; index++)
            {
                Assert.True(order.Compare(sorted[index - 1], sorted[index], Nine) < 0);
            }

            foreach (var first in calls)
            {
                foreach (var second in calls)
                {
                    Assert.Equal(-Math.Sign(order.Compare(second, first, Nine)), Math.Sign(order.Compare(first, second, Nine)));
                }
            }
        });

    [Fact]
    public void TheOrderDoesNotDependOnTheInputOrder() =>
        Gen.Select(Ageing, SomeCalls, Gen.Int).Sample((ageing, calls, seed) =>
        {
            var order = new QueueOrder(ageing);
            var shuffled = calls.ToArray();
            new Random(seed).Shuffle(shuffled);
            Assert.Equal(order.Sort(calls, Nine), order.Sort(shuffled, Nine));
        });

    [Fact]
    public void WithoutAgeingAHigherPriorityAlwaysGoesFirst() =>
        SomeCalls.Sample(calls =>
        {
            var ranks = new QueueOrder(ageing: null).Sort(calls, Nine).Select(call => Priority.Rank(call.Priority)).ToList();
            Assert.Equal(ranks.OrderDescending(), ranks);
        });

    [Fact]
    public void WithAgeingNoCallThatWaitedEveryLevelIsBehindANewArrival() =>
        Gen.Select(Gen.Int[1, 300], SomeCalls, Gen.Int[0, 3], Gen.Int[0, 10_000]).Sample((seconds, calls, arrivalPriority, extraWait) =>
        {
            var ageing = TimeSpan.FromSeconds(seconds);
            var now = Nine.AddSeconds(Priority.TopRank * seconds + extraWait);
            var arrival = new WaitingCall("Z-new", "support", Priorities[arrivalPriority], now);
            var sorted = new QueueOrder(ageing).Sort([.. calls, arrival], now);
            Assert.Same(arrival, sorted[^1]);
        });
}
