namespace CallCenter.ApiService.Webhooks;

/// <summary>
/// Runs one endpoint's worker on a thread of its own, every continuation of it included, so its blocking POSTs
/// (<see cref="WebhookSender.Send"/>) hold that thread and not the thread pool. An answer then wakes the worker
/// directly. Through the pool each delivery took two wake-ups and queued behind the API's requests; on two busy cores
/// that kept an endpoint's in-order POSTs barely above 200 a second, so any pause left a backlog that drained for
/// seconds (bench/README.md, session 17).
/// </summary>
internal static class DeliveryThread
{
    // The worker's frames are shallow: the default 8 MB reservation a thread would buy nothing.
    private const int StackBytes = 256 * 1024;

    /// <summary>Starts <paramref name="work"/> on a new thread; the task ends with it, faulted if it threw.</summary>
    public static Task Run(Func<Task> work, string name)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => RunHere(work, done), StackBytes) { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }

    private static void RunHere(Func<Task> work, TaskCompletionSource done)
    {
        var context = new Loop();
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            var running = work();
            running.ContinueWith(_ => context.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            context.RunUntilComplete();
            running.GetAwaiter().GetResult();
            done.TrySetResult();
        }
        catch (Exception exception)
        {
            done.TrySetException(exception);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }
    }

    /// <summary>The thread's queue of continuations; one posted after the work ended runs on the pool instead.</summary>
    private sealed class Loop : SynchronizationContext
    {
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
        private bool _completed;

        public override void Post(SendOrPostCallback d, object? state)
        {
            lock (_queue)
            {
                if (!_completed)
                {
                    _queue.Enqueue((d, state));
                    Monitor.Pulse(_queue);
                    return;
                }
            }

            ThreadPool.QueueUserWorkItem(static item => item.Callback(item.State), (Callback: d, State: state), preferLocal: false);
        }

        public override SynchronizationContext CreateCopy() => this;

        public void Complete()
        {
            lock (_queue)
            {
                _completed = true;
                Monitor.Pulse(_queue);
            }
        }

        public void RunUntilComplete()
        {
            while (true)
            {
                (SendOrPostCallback Callback, object? State) next;
                lock (_queue)
                {
                    while (_queue.Count == 0)
                    {
                        if (_completed)
                        {
                            return;
                        }

                        Monitor.Wait(_queue);
                    }

                    next = _queue.Dequeue();
                }

                next.Callback(next.State);
            }
        }
    }
}
