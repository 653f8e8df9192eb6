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
            var clock = new FakeTimeProvider();
            var budget = new TraceBudget(perSecond, clock);
            var keptAt = new List<TimeSpan>();
            var elapsed = TimeSpan.Zero;
            foreach (var gap in gapsMs)
            {
                clock.Advance(TimeSpan.FromMilliseconds(gap));
                elapsed += TimeSpan.FromMilliseconds(gap);
                if (budget.TryTake())
                {
                    keptAt.Add(elapsed);
                }
            }

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

            // And it never refuses a trace while it has a whole one left: over the run it keeps at least what the
            // budget allows for the time that passed, or every trace if there were fewer.
            var allowed = perSecond * (1 + elapsed.TotalSeconds);
            return keptAt.Count >= Math.Min(gapsMs.Length, Math.Floor(allowed) - perSecond);
        });
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
