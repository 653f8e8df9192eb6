using CallCenter.ApiService.Data;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace CallCenter.UnitTests.Data;

/// <summary>A kept page answers again only at the mark it was read at, and only while it is young enough.</summary>
public sealed class KeptPagesTests
{
    private static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(1);

    private sealed record PageKey(string Query);

    private readonly record struct Mark(long LastEvent, long Pending);

    [Fact]
    public void TheSameMarkGetsTheKeptBodyUntilItIsTooOld()
    {
        var clock = new FakeTimeProvider();
        var pages = new KeptPages(ReuseFor, clock);
        pages.Keep(new PageKey("limit=50"), new Mark(7, 0), clock.GetTimestamp(), [1, 2, 3]);

        clock.Advance(ReuseFor - TimeSpan.FromMilliseconds(1));
        Assert.True(pages.TryReuse(new PageKey("limit=50"), new Mark(7, 0), out var body));
        Assert.Equal([1, 2, 3], body);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(pages.TryReuse(new PageKey("limit=50"), new Mark(7, 0), out _));
    }

    [Fact]
    public void AMovedMarkOrAnotherPageIsReadAgain()
    {
        var clock = new FakeTimeProvider();
        var pages = new KeptPages(ReuseFor, clock);
        pages.Keep(new PageKey("limit=50"), new Mark(7, 0), clock.GetTimestamp(), [1]);

        Assert.False(pages.TryReuse(new PageKey("limit=50"), new Mark(7, 1), out _));
        Assert.False(pages.TryReuse(new PageKey("limit=50"), new Mark(8, 0), out _));
        Assert.False(pages.TryReuse(new PageKey("limit=20"), new Mark(7, 0), out _));
    }

    [Fact]
    public void AgeCountsFromWhenTheReadBeganNotWhenItWasKept()
    {
        var clock = new FakeTimeProvider();
        var pages = new KeptPages(ReuseFor, clock);
        var began = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMilliseconds(900));
        pages.Keep(new PageKey("limit=50"), new Mark(1, 0), began, [1]);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.False(pages.TryReuse(new PageKey("limit=50"), new Mark(1, 0), out _));
    }

    [Fact]
    public void ZeroKeepsNothing()
    {
        var clock = new FakeTimeProvider();
        var pages = new KeptPages(TimeSpan.Zero, clock);
        pages.Keep(new PageKey("limit=50"), new Mark(1, 0), clock.GetTimestamp(), [1]);

        Assert.False(pages.TryReuse(new PageKey("limit=50"), new Mark(1, 0), out _));
        Assert.Equal(0, pages.Bytes);
    }

    [Fact]
    public void AFullKeeperDropsStalePagesThenTheOldest()
    {
        var clock = new FakeTimeProvider();
        var pages = new KeptPages(ReuseFor, clock, capacityBytes: 3);
        pages.Keep(new PageKey("stale"), new Mark(1, 0), clock.GetTimestamp(), [0, 0]);
        clock.Advance(ReuseFor);
        pages.Keep(new PageKey("a"), new Mark(1, 0), clock.GetTimestamp(), [1]);
        Assert.Equal(1, pages.Bytes);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        pages.Keep(new PageKey("b"), new Mark(1, 0), clock.GetTimestamp(), [2]);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        pages.Keep(new PageKey("c"), new Mark(1, 0), clock.GetTimestamp(), [3]);
        Assert.Equal(3, pages.Bytes);
        Assert.True(pages.TryReuse(new PageKey("a"), new Mark(1, 0), out _));

        pages.Keep(new PageKey("d"), new Mark(1, 0), clock.GetTimestamp(), [4]);
        Assert.Equal(3, pages.Bytes);
        Assert.False(pages.TryReuse(new PageKey("a"), new Mark(1, 0), out _));
        Assert.True(pages.TryReuse(new PageKey("d"), new Mark(1, 0), out _));
    }

    [Fact]
    public void APageLargerThanTheKeeperIsNotKeptAndAMissLetsGoOfWhatItMissed()
    {
        var clock = new FakeTimeProvider();
        var pages = new KeptPages(ReuseFor, clock, capacityBytes: 2);
        pages.Keep(new PageKey("large"), new Mark(1, 0), clock.GetTimestamp(), [1, 2, 3]);
        Assert.Equal(0, pages.Bytes);

        pages.Keep(new PageKey("small"), new Mark(1, 0), clock.GetTimestamp(), [1, 2]);
        Assert.False(pages.TryReuse(new PageKey("small"), new Mark(2, 0), out _));
        Assert.Equal(0, pages.Bytes);
    }

    /// <summary>
    /// Any run of keeps, lookups and clock steps: a page is reused only if the last keep of its key was at the same mark
    /// and began less than the reuse window ago, and the keeper never holds more bytes than its capacity.
    /// </summary>
    [Fact]
    public void ReuseIsAlwaysTheLastKeepAtTheSameMarkInsideTheWindow()
    {
        var step = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[0, 600], Gen.Bool);
        Gen.Select(step.Array[1, 60], Gen.Int[2, 8]).Sample((steps, capacity) =>
        {
            var clock = new FakeTimeProvider();
            var pages = new KeptPages(ReuseFor, clock, capacity);
            var last = new Dictionary<int, (long Mark, long ReadFrom, byte[] Body)>();
            foreach (var (key, mark, advanceMs, keep) in steps)
            {
                clock.Advance(TimeSpan.FromMilliseconds(advanceMs));
                if (keep)
                {
                    var body = new byte[] { (byte)key, (byte)mark };
                    pages.Keep(new PageKey($"{key}"), new Mark(mark, 0), clock.GetTimestamp(), body);
                    last[key] = (mark, clock.GetTimestamp(), body);
                }
                else if (pages.TryReuse(new PageKey($"{key}"), new Mark(mark, 0), out var reused))
                {
                    if (!last.TryGetValue(key, out var kept) || kept.Mark != mark || clock.GetElapsedTime(kept.ReadFrom) >= ReuseFor || kept.Body != reused)
                    {
                        return false;
                    }
                }

                if (pages.Bytes > capacity)
                {
                    return false;
                }
            }

            return true;
        });
    }
}
