using System.Threading.Channels;
using System.Threading.Tasks.Sources;

namespace CallCenter.ApiService.Realtime;

/// <summary>
/// A subscriber's bounded queue of events, for one reader. A channel would do, but every socket holds one for hours
/// and a bounded channel costs ≈ 0.8 KiB before its first event (its reader, writer and their cached waiters); this
/// one is a lock, a waiter and, once events arrive, a small ring that grows up to its capacity.
/// </summary>
public sealed class EventInbox(int capacity) : ChannelReader<LiveEvent>, IValueTaskSource<bool>
{
    private const int FirstRing = 4;

    /// <summary>The largest ring an emptied inbox keeps: small ones are reused, a burst's is given back.</summary>
    internal const int KeptRing = 64;

    private readonly Lock _gate = new();
    private LiveEvent[] _ring = [];
    private int _head;
    private int _count;
    private bool _completed;
    private TaskCompletionSource? _drained;

    // One read waits at a time: the core is reset for each wait, and its version tells a stale callback apart.
    private ManualResetValueTaskSourceCore<bool> _waiter = new() { RunContinuationsAsynchronously = true };
    private bool _waiting;
    private CancellationToken _waitToken;
    private CancellationTokenRegistration _waitCancellation;

    public override bool CanCount => true;

    /// <summary>The slots the inbox holds now, queued or not: what it costs its socket.</summary>
    internal int RingSize
    {
        get
        {
            lock (_gate)
            {
                return _ring.Length;
            }
        }
    }

    public override int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Completes once no more events will come and every one was read.</summary>
    public override Task Completion
    {
        get
        {
            lock (_gate)
            {
                _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_completed && _count == 0)
                {
                    _drained.TrySetResult();
                }

                return _drained.Task;
            }
        }
    }

    /// <summary>Whether no more events will be taken (full once, or closed).</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <summary>Queues <paramref name="liveEvent"/>; false when the inbox is full or completed.</summary>
    public bool TryWrite(LiveEvent liveEvent)
    {
        lock (_gate)
        {
            if (_completed || _count == capacity)
            {
                return false;
            }

            if (_count == _ring.Length)
            {
                Grow();
            }

            _ring[(_head + _count) % _ring.Length] = liveEvent;
            _count++;
            WakeReader(true);
            return true;
        }
    }

    /// <summary>No more events: the reader takes what is queued, then its wait answers false.</summary>
    public bool TryComplete()
    {
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            _completed = true;
            if (_count == 0)
            {
                _drained?.TrySetResult();
            }

            WakeReader(false);
            return true;
        }
    }

    public override bool TryRead(out LiveEvent item)
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                item = null!;
                return false;
            }

            item = _ring[_head];
            _ring[_head] = null!;
            _head = (_head + 1) % _ring.Length;
            _count--;
            if (_count == 0 && _ring.Length > KeptRing)
            {
                // A burst grew the ring; an idle socket does not keep it for hours.
                (_ring, _head) = ([], 0);
            }

            if (_completed && _count == 0)
            {
                _drained?.TrySetResult();
            }

            return true;
        }
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_count > 0)
            {
                return ValueTask.FromResult(true);
            }

            if (_completed)
            {
                return ValueTask.FromResult(false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<bool>(cancellationToken);
            }

            if (_waiting)
            {
                throw new InvalidOperationException("An event inbox has one reader: it is already waiting.");
            }

            _waiter.Reset();
            _waiting = true;
            var version = _waiter.Version;
            _waitToken = cancellationToken;
            _waitCancellation = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static (state, token) => ((EventInbox)state!).CancelWait(token), this)
                : default;
            return new ValueTask<bool>(this, version);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _waiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _waiter.OnCompleted(continuation, state, token, flags);

    private void Grow()
    {
        var bigger = new LiveEvent[Math.Min(capacity, Math.Max(FirstRing, _ring.Length * 2))];
        for (var i = 0; i < _count; i++)
        {
            bigger[i] = _ring[(_head + i) % _ring.Length];
        }

        (_ring, _head) = (bigger, 0);
    }

    /// <summary>Under the gate: answers a waiting read (the continuation runs elsewhere, not on the writer's thread).</summary>
    private void WakeReader(bool result)
    {
        if (!_waiting)
        {
            return;
        }

        _waiting = false;
        // Unregister only: this may run inside the token's own callback, which Dispose would wait for.
        _waitCancellation.Unregister();
        _waiter.SetResult(result);
    }

    private void CancelWait(CancellationToken token)
    {
        lock (_gate)
        {
            // A late callback of an earlier wait's token leaves a wait on another token alone.
            if (!_waiting || token != _waitToken)
            {
                return;
            }

            _waiting = false;
            _waiter.SetException(new OperationCanceledException(token));
        }
    }
}
