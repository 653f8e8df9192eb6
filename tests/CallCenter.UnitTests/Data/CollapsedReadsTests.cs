using CallCenter.ApiService.Data;
using CsCheck;

namespace CallCenter.UnitTests.Data;

/// <summary>
/// Identical reads share one, but never one that began before the request arrived: a client must see every write it
/// was told about.
/// </summary>
public sealed class CollapsedReadsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AReadNobodyElseIsDoingRunsAtOnceAndLeavesNothingBehind()
    {
        var reads = new CollapsedReads<string, int>();

        var answer = await reads.ReadAsync("page", () => Task.FromResult(7), out var shared);

        Assert.Equal(7, answer);
        Assert.False(shared);
        Assert.Equal(0, reads.Reading);
    }

    [Fact]
    public async Task RequestsArrivingDuringARunningReadShareTheNextOneNotTheRunningOne()
    {
        var reads = new CollapsedReads<string, string>();
        var first = new TaskCompletionSource<string>();
        var second = new TaskCompletionSource<string>();
        var called = new List<string>();

        var leader = reads.ReadAsync("page", () => { called.Add("leader"); return first.Task; }, out _);
        var b = reads.ReadAsync("page", () => { called.Add("b"); return second.Task; }, out var bShared);
        var c = reads.ReadAsync("page", () => { called.Add("c"); return Task.FromResult("c's read"); }, out var cShared);

        Assert.True(bShared && cShared);
        Assert.Equal(["leader"], called);
        first.SetResult("before the write");
        Assert.Equal("before the write", await leader.WaitAsync(Deadline));
        // The running read may predate what b and c were told: they wait for the read it started as it ended.
        Assert.False(b.IsCompleted || c.IsCompleted);
        Assert.Equal(["leader", "b"], called);

        second.SetResult("after the write");
        Assert.Equal("after the write", await b.WaitAsync(Deadline));
        Assert.Equal("after the write", await c.WaitAsync(Deadline));
        Assert.Equal(["leader", "b"], called);
        await WaitUntilIdle(reads);
    }

    [Fact]
    public async Task ARequestArrivingDuringTheSharedReadWaitsForTheOneAfterIt()
    {
        var reads = new CollapsedReads<string, int>();
        var running = new TaskCompletionSource<int>();
        var next = new TaskCompletionSource<int>();
        var last = new TaskCompletionSource<int>();

        _ = reads.ReadAsync("page", () => running.Task, out _);
        var joined = reads.ReadAsync("page", () => next.Task, out _);
        running.SetResult(1);
        await WaitUntil(() => !joined.IsCompleted && reads.Reading == 1);

        var late = reads.ReadAsync("page", () => last.Task, out var shared);
        next.SetResult(2);
        Assert.Equal(2, await joined.WaitAsync(Deadline));
        Assert.True(shared);
        Assert.False(late.IsCompleted);

        last.SetResult(3);
        Assert.Equal(3, await late.WaitAsync(Deadline));
        await WaitUntilIdle(reads);
    }

    [Fact]
    public async Task DifferentKeysNeverShare()
    {
        var reads = new CollapsedReads<(string Department, int Offset), string>();
        var support = new TaskCompletionSource<string>();

        var a = reads.ReadAsync(("support", 0), () => support.Task, out _);
        var b = reads.ReadAsync(("sales", 0), () => Task.FromResult("sales"), out var bShared);
        var c = reads.ReadAsync(("support", 50), () => Task.FromResult("support from 50"), out var cShared);

        Assert.False(bShared || cShared);
        Assert.Equal("sales", await b);
        Assert.Equal("support from 50", await c);
        Assert.False(a.IsCompleted);
        support.SetResult("support");
        Assert.Equal("support", await a);
        await WaitUntilIdle(reads);
    }

    [Fact]
    public async Task AFailedSharedReadFailsEveryoneWhoJoinedItAndTheNextRequestReadsAfresh()
    {
        var reads = new CollapsedReads<string, int>();
        var running = new TaskCompletionSource<int>();
        var failing = new TaskCompletionSource<int>();

        _ = reads.ReadAsync("page", () => running.Task, out _);
        var b = reads.ReadAsync("page", () => failing.Task, out _);
        var c = reads.ReadAsync("page", () => Task.FromResult(0), out _);
        running.SetResult(1);
        failing.SetException(new InvalidOperationException("PostgreSQL went away"));

        Assert.Equal("PostgreSQL went away", (await Assert.ThrowsAsync<InvalidOperationException>(() => b.WaitAsync(Deadline))).Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => c.WaitAsync(Deadline));
        await WaitUntilIdle(reads);
        Assert.Equal(5, await reads.ReadAsync("page", () => Task.FromResult(5), out _));
    }

    [Fact]
    public async Task TheSharedReadRunsInTheContextOfTheFirstRequestThatJoinedIt()
    {
        var reads = new CollapsedReads<string, string?>();
        var caller = new AsyncLocal<string>();
        var running = new TaskCompletionSource<string?>();

        caller.Value = "leader";
        _ = reads.ReadAsync("page", () => running.Task, out _);
        Task<string?>? joined = null;
        await Task.Run(() =>
        {
            caller.Value = "first to join";
            joined = reads.ReadAsync("page", () => Task.FromResult<string?>(caller.Value), out _);
        });
        await Task.Run(() =>
        {
            caller.Value = "second to join";
            _ = reads.ReadAsync("page", () => Task.FromResult<string?>(caller.Value), out _);
        });

        running.SetResult(null);
        Assert.Equal("first to join", await joined!.WaitAsync(Deadline));
        await WaitUntilIdle(reads);
    }

    /// <summary>
    /// Any interleaving of arrivals and reads ending: every answer comes from a read that started after its request
    /// arrived, at most one read per key runs at a time, and every request is answered.
    /// </summary>
    [Fact]
    public void EveryAnswerComesFromAReadThatStartedAfterItsRequestArrived()
    {
        // true: a request arrives; false: the running read ends. Reads complete inline, so one thread does it all.
        Gen.Bool.Array[1, 60].Sample(steps =>
        {
            var reads = new CollapsedReads<string, long>();
            var clock = 0L;
            var running = new Queue<(long Started, TaskCompletionSource<long> Read)>();
            var asked = new List<(long At, Task<long> Answer)>();

            Task<long> Read()
            {
                var read = new TaskCompletionSource<long>();
                running.Enqueue((clock, read));
                return read.Task;
            }

            void EndOldest()
            {
                var (started, read) = running.Dequeue();
                read.SetResult(started);
            }

            foreach (var arrives in steps)
            {
                clock++;
                if (arrives)
                {
                    asked.Add((clock, reads.ReadAsync("page", Read, out _)));
                }
                else if (running.Count > 0)
                {
                    EndOldest();
                }

                if (running.Count > 1)
                {
                    return false;
                }
            }

            while (running.Count > 0)
            {
                clock++;
                EndOldest();
            }

            return reads.Reading == 0 && asked.All(request => request.Answer.IsCompletedSuccessfully && request.Answer.Result >= request.At);
        });
    }

    private static Task WaitUntilIdle<TKey, TValue>(CollapsedReads<TKey, TValue> reads) where TKey : notnull =>
        WaitUntil(() => reads.Reading == 0);

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within the deadline.");
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
    }
}
