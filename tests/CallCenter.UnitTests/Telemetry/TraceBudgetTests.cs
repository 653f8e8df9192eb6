using System.Diagnostics;
using CsCheck;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;

namespace CallCenter.UnitTests.Telemetry;

/// <summary>A service keeps every trace while it starts fewer than its budget a second, and about that many beyond it.</summary>
public sealed class TraceBudgetTests
{
    [Fact]
    public void AQuietServiceKeepsEveryTrace()
    {
        var clock = new FakeTimeProvider();
        var budget = new TraceBudget(10, clock);

        for (var i = 0; i < 1_000; i++)
        {
            Assert.True(budget.TryTake(), $"trace {i}");
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    [Fact]
    public void ABurstKeepsOneSecondsWorthThenWaitsForTheRefill()
    {
        var clock = new FakeTimeProvider();
        var budget = new TraceBudget(100, clock);

        var kept = Enumerable.Range(0, 500).Count(_ => budget.TryTake());
        Assert.Equal(100, kept);
        Assert.False(budget.TryTake());

        clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(5, Enumerable.Range(0, 50).Count(_ => budget.TryTake()));
    }

    [Fact]
    public void ABudgetBelowOneATraceStillKeepsOneNowAndThen()
    {
        var clock = new FakeTimeProvider();
        var budget = new TraceBudget(0.5, clock);

        Assert.True(budget.TryTake());
        Assert.False(budget.TryTake());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(budget.TryTake());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(budget.TryTake());
    }

    [Fact]
    public void NoWindowOfOneSecondKeepsMoreThanTwiceTheBudget()
    {
        // Any arrival pattern: a window of one second holds at most the bucket (one second's worth) plus one second's refill.
        Gen.Select(Gen.Int[1, 200], Gen.Int[0, 40].Array[1, 3_000]).Sample((perSecond, gapsMs) =>
        {
            var (keptAt, _) = Run(perSecond, gapsMs);
            var start = 0;
            for (var end = 0; end < keptAt.Count; end++)
            {
                while (keptAt[end] - keptAt[start] >= TimeSpan.FromSeconds(1))
                {
                    start++;
                }

                if (end - start + 1 > 2 * perSecond)
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Fact]
    public void ATraceIsRefusedOnlyAfterASecondsWorthWasKept()
    {
        // The bucket held at least nothing a second ago and has been refilled by a second's worth since (less what the
        // cap let go while it was full), so a refusal means a second's worth was taken in that second: the budget never
        // turns a trace away while it still has a whole one. Over a whole run a budget can keep fewer than the time
        // allows, as a full bucket lets its refill go while arrivals are few.
        Gen.Select(Gen.Int[1, 200], Gen.Int[0, 40].Array[1, 3_000]).Sample((perSecond, gapsMs) =>
        {
            var (keptAt, refusedAt) = Run(perSecond, gapsMs);
            return refusedAt.All(refused =>
                keptAt.Count(kept => kept <= refused && (refused < TimeSpan.FromSeconds(1) || kept > refused - TimeSpan.FromSeconds(1))) >= perSecond);
        });
    }

    [Fact]
    public void ATraceDueAfterManyPartialRefillsIsKept()
    {
        // Found by the property above: at 5 a second, the refills between 1,034 and 1,226 ms add up to exactly the one
        // trace due at 1,226, which floating-point tokens summed to just under one and refused.
        int[] keptBefore = [26, 58, 75, 96, 130, 226, 441, 630, 830, 1_034];
        int[] refusedBefore = [153, 191, 220, 251, 278, 279, 313, 330, 366, 374, 412, 480, 517, 529, 565, 593, 596, 648, 678, 705, 720, 722, 762, 797, 822, 870, 908, 931, 966, 1_004, 1_039, 1_063, 1_064, 1_068, 1_082, 1_119, 1_152, 1_152, 1_189];
        var arrivals = keptBefore.Concat(refusedBefore).Order().Append(1_226).ToArray();
        var gaps = arrivals.Select((at, i) => at - (i == 0 ? 0 : arrivals[i - 1])).ToArray();

        var (keptAt, _) = Run(5, gaps);

        Assert.Equal([.. keptBefore, 1_226], keptAt.Select(at => (int)at.TotalMilliseconds));
    }

    /// <summary>Asks the budget once after each gap; answers when, from the start, traces were kept and refused.</summary>
    private static (List<TimeSpan> KeptAt, List<TimeSpan> RefusedAt) Run(int perSecond, int[] gapsMs)
    {
        var clock = new FakeTimeProvider();
        var budget = new TraceBudget(perSecond, clock);
        var (keptAt, refusedAt) = (new List<TimeSpan>(), new List<TimeSpan>());
        var elapsed = TimeSpan.Zero;
        foreach (var gap in gapsMs)
        {
            clock.Advance(TimeSpan.FromMilliseconds(gap));
            elapsed += TimeSpan.FromMilliseconds(gap);
            (budget.TryTake() ? keptAt : refusedAt).Add(elapsed);
        }

        return (keptAt, refusedAt);
    }

    [Fact]
    public void TheSamplerKeepsWithinTheRatioAndTheBudget()
    {
        var clock = new FakeTimeProvider();
        var everything = new BudgetedSampler(new TelemetryOptions { TraceSampleRatio = 1, TracesPerSecond = 0 }, clock);
        var budgeted = new BudgetedSampler(new TelemetryOptions { TraceSampleRatio = 1, TracesPerSecond = 20 }, clock);
        var halved = new BudgetedSampler(new TelemetryOptions { TraceSampleRatio = 0.5, TracesPerSecond = 0 }, clock);

        Assert.Equal(1_000, Kept(everything, 1_000));
        Assert.Equal(20, Kept(budgeted, 1_000));
        Assert.InRange(Kept(halved, 10_000), 4_700, 5_300);
    }

    private static int Kept(Sampler sampler, int traces) =>
        Enumerable.Range(0, traces).Count(_ => sampler.ShouldSample(new SamplingParameters(
            default, ActivityTraceId.CreateRandom(), "request", ActivityKind.Server)).Decision == SamplingDecision.RecordAndSample);
}
