using CallCenter.ApiService.Webhooks;

namespace CallCenter.UnitTests.Webhooks;

/// <summary>An endpoint's worker keeps to its own thread across awaits, and its end (or fault) reaches the dispatcher.</summary>
public sealed class DeliveryThreadTests
{
    [Fact]
    public async Task EveryContinuationOfTheWorkRunsOnItsOwnThreadOutsideThePool()
    {
        var threads = new List<(int Id, bool Pooled, string? Name)>();
        void Note() => threads.Add((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));

        await DeliveryThread.Run(async () =>
        {
            Note();
            await Task.Yield();
            Note();
            await Task.Delay(TimeSpan.FromMilliseconds(1));
            Note();
            // A wait completed from another thread (as a socket's answer or a feed's event is) still resumes here.
            var signal = new TaskCompletionSource();
            _ = Task.Run(signal.SetResult);
            await signal.Task;
            Note();
        }, "Webhook endpoint 7");

        Assert.Equal(4, threads.Count);
        Assert.Single(threads.Select(thread => thread.Id).Distinct());
        Assert.All(threads, thread => Assert.False(thread.Pooled));
        Assert.All(threads, thread => Assert.Equal("Webhook endpoint 7", thread.Name));
        Assert.NotEqual(Environment.CurrentManagedThreadId, threads[0].Id);
    }

    [Fact]
    public async Task AFaultAfterAnAwaitFaultsTheTask()
    {
        var run = DeliveryThread.Run(async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("the endpoint's row is gone");
        }, "Webhook endpoint 8");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => run);
        Assert.Equal("the endpoint's row is gone", thrown.Message);
    }

    [Fact]
    public async Task WorkPostedAfterTheRunEndedStillRuns()
    {
        SynchronizationContext? captured = null;
        await DeliveryThread.Run(() =>
        {
            captured = SynchronizationContext.Current;
            return Task.CompletedTask;
        }, "Webhook endpoint 9");

        // A late callback (a timer's, a cancelled wait's) must not be lost with the thread: it runs on the pool.
        var ran = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.NotNull(captured);
        captured.Post(_ => ran.SetResult(Thread.CurrentThread.IsThreadPoolThread), null);
        Assert.True(await ran.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
