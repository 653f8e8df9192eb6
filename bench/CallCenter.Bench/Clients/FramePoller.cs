using System.Runtime.InteropServices;

namespace CallCenter.Bench.Clients;

/// <summary>
/// One thread that reads every <see cref="PolledUpdateSocket"/>: it waits until <c>epoll</c> says some have data,
/// reads each of those and hands their frames to its handler, with no hand-off between threads. The handlers run on
/// this thread only. Linux on x86-64 only, like the rest of the bench's measuring (<c>/proc</c>); <c>poll</c> over
/// every socket at each call (<c>Socket.Select</c>) was tried and read slower than one asynchronous client per socket.
/// </summary>
public sealed class FramePoller : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    private readonly (PolledUpdateSocket Socket, FrameHandler OnFrame)[] _sockets;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FramePoller(IReadOnlyList<PolledUpdateSocket> sockets, Func<int, FrameHandler> handlerOf)
    {
        if (!Epoll.Available)
        {
            throw new PlatformNotSupportedException("The bench reads its sockets with epoll: Linux on x86-64.");
        }

        _sockets = [.. sockets.Select((socket, i) => (socket, handlerOf(i)))];
        new Thread(Run) { IsBackground = true, Name = "frame poller" }.Start();
    }

    /// <summary>Completes once the thread stopped reading (stopped, or every socket ended).</summary>
    public Task Stopped => _stopped.Task;

    private void Run()
    {
        try
        {
            RunOnEpoll();
            _stopped.TrySetResult();
        }
        catch (Exception exception)
        {
            _stopped.TrySetException(exception);
        }
    }

    private void RunOnEpoll()
    {
        var epoll = Epoll.Create(0);
        if (epoll < 0)
        {
            throw new IOException($"epoll_create1 failed: {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            for (var i = 0; i < _sockets.Length; i++)
            {
                var watched = new Epoll.Event { Events = Epoll.In, Data = (ulong)i };
                if (Epoll.Control(epoll, Epoll.Add, (int)_sockets[i].Socket.Socket.Handle, ref watched) < 0)
                {
                    throw new IOException($"epoll_ctl failed: {Marshal.GetLastPInvokeError()}");
                }
            }

            var ready = new Epoll.Event[256];
            var open = _sockets.Length;
            while (!_stop.IsCancellationRequested && open > 0)
            {
                var count = Epoll.Wait(epoll, ready, ready.Length, (int)Tick.TotalMilliseconds);
                if (count < 0 && Marshal.GetLastPInvokeError() != Epoll.Interrupted)
                {
                    throw new IOException($"epoll_wait failed: {Marshal.GetLastPInvokeError()}");
                }

                for (var k = 0; k < count; k++)
                {
                    var (polled, onFrame) = _sockets[(int)ready[k].Data];
                    if (polled.IsOpen && !polled.ReadAvailable(onFrame))
                    {
                        // An ended socket would be reported ready for ever (its end is readable): it leaves the set.
                        var unwatched = default(Epoll.Event);
                        Epoll.Control(epoll, Epoll.Delete, (int)polled.Socket.Handle, ref unwatched);
                        open--;
                    }
                }
            }
        }
        finally
        {
            Epoll.Close(epoll);
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Stopped;
    }

    public void Dispose() => _stop.Dispose();
}
