using System.Threading.Channels;
using CallCenter.ApiService.Realtime;
using Microsoft.Extensions.Time.Testing;

namespace CallCenter.UnitTests.Realtime;

/// <summary>The feed's wait for the bus when an event is missing, on a fake clock.</summary>
public sealed class EventGapGraceTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(10);

    private readonly FakeTimeProvider _clock = new();
    private readonly Channel<int> _bus = Channel.CreateUnbounded<int>();

    [Fact]
    public async Task WhatTheBusBringsWithinTheGraceEndsTheWait()
    {
        var gap = new EventGapGrace(Grace, _clock);
        var waiting = gap.WaitForBusAsync(_bus.Reader, CancellationToken.None);
        _clock.Advance(Grace - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);

        _bus.Writer.TryWrite(1);

        Assert.True(await waiting.WaitAsync(Deadline));
    }

    [Fact]
    public async Task NothingWithinTheGraceMeansReadPostgreSql()
    {
        var gap = new EventGapGrace(Grace, _clock);
        var waiting = gap.WaitForBusAsync(_bus.Reader, CancellationToken.None);

        _clock.Advance(Grace);

        Assert.False(await waiting.WaitAsync(Deadline));
    }

    [Fact]
    public async Task EventsBehindTheGapDoNotExtendTheGrace()
    {
        var gap = new EventGapGrace(Grace, _clock);
        var first = gap.WaitForBusAsync(_bus.Reader, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(6));
        _bus.Writer.TryWrite(2);
        Assert.True(await first.WaitAsync(Deadline));
        _bus.Reader.TryRead(out _);

        // Still missing: what is left of the grace is 4 ms, not another 10.
        var second = gap.WaitForBusAsync(_bus.Reader, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(3));
        Assert.False(second.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(await second.WaitAsync(Deadline));
    }

    [Fact]
    public async Task AGapThatFilledLeavesTheNextOneTheWholeGrace()
    {
        var gap = new EventGapGrace(Grace, _clock);
        var first = gap.WaitForBusAsync(_bus.Reader, CancellationToken.None);
        _clock.Advance(Grace);
        Assert.False(await first.WaitAsync(Deadline));
        gap.Closed();

        var next = gap.WaitForBusAsync(_bus.Reader, CancellationToken.None);
        _clock.Advance(Grace - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(await next.WaitAsync(Deadline));
    }

    [Fact]
    public async Task NoGraceReadsPostgreSqlAtOnce()
    {
        var gap = new EventGapGrace(TimeSpan.Zero, _clock);

        Assert.False(await gap.WaitForBusAsync(_bus.Reader, CancellationToken.None).WaitAsync(Deadline));
    }

    [Fact]
    public async Task AStopEndsTheWaitAsAStop()
    {
        var gap = new EventGapGrace(Grace, _clock);
        using var stopping = new CancellationTokenSource();
        var waiting = gap.WaitForBusAsync(_bus.Reader, stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Deadline));
    }
}
