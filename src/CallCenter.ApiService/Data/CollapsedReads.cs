namespace CallCenter.ApiService.Data;

/// <summary>
/// Collapses identical reads: a request for something already being read waits for the next read of it, which starts
/// as the running one ends and answers every request that arrived in the meantime. Never the running one: it may have
/// begun before a write the waiting client was already told about. So every answer still reflects every write
/// committed before its request arrived, and a floor of pollers asking for the same page costs one read of it at a
/// time, not one per poller.
/// </summary>
public sealed class CollapsedReads<TKey, TValue> where TKey : notnull
{
    private readonly Dictionary<TKey, Slot> _slots = [];
    private readonly Lock _gate = new();

    /// <summary>How many keys are being read right now (for tests: it returns to zero when the reads end).</summary>
    public int Reading
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>
    /// Reads <paramref name="key"/> now if nobody is, or joins the next read of it. <paramref name="read"/> must not
    /// depend on who asks beyond what the key says: one caller's function answers everyone who joined it.
    /// </summary>
    public Task<TValue> ReadAsync(TKey key, Func<Task<TValue>> read, out bool shared)
    {
        lock (_gate)
        {
            if (_slots.TryGetValue(key, out var slot))
            {
                shared = true;
                if (slot.Next is null)
                {
                    // The first to join lends the next read its function and its context (its trace, above all).
                    slot.Next = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                    slot.NextRead = read;
                    slot.NextContext = ExecutionContext.Capture();
                }

                return slot.Next.Task;
            }

            _slots[key] = new Slot();
        }

        shared = false;
        return LeadAsync(key, read);
    }

    private async Task<TValue> LeadAsync(TKey key, Func<Task<TValue>> read)
    {
        try
        {
            return await read();
        }
        finally
        {
            StartNext(key);
        }
    }

    private void StartNext(TKey key)
    {
        TaskCompletionSource<TValue> next;
        Func<Task<TValue>> read;
        ExecutionContext? context;
        lock (_gate)
        {
            var slot = _slots[key];
            if (slot.Next is null)
            {
                _slots.Remove(key);
                return;
            }

            (next, read, context) = (slot.Next, slot.NextRead!, slot.NextContext);
            (slot.Next, slot.NextRead, slot.NextContext) = (null, null, null);
        }

        if (context is null)
        {
            _ = AnswerAsync(key, next, read);
        }
        else
        {
            ExecutionContext.Run(context, _ => _ = AnswerAsync(key, next, read), null);
        }
    }

    private async Task AnswerAsync(TKey key, TaskCompletionSource<TValue> next, Func<Task<TValue>> read)
    {
        try
        {
            next.SetResult(await read());
        }
        catch (OperationCanceledException canceled)
        {
            next.SetCanceled(canceled.CancellationToken);
        }
        catch (Exception exception)
        {
            next.SetException(exception);
        }
        finally
        {
            StartNext(key);
        }
    }

    private sealed class Slot
    {
        public TaskCompletionSource<TValue>? Next { get; set; }

        public Func<Task<TValue>>? NextRead { get; set; }

        public ExecutionContext? NextContext { get; set; }
    }
}
