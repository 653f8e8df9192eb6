using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace CallCenter.Bench.Clients;

/// <summary>
/// One thread that reads every <see cref="PolledUpdateSocket"/>: it waits until the kernel says some have data
/// (<c>epoll</c> on Linux x86-64; elsewhere <see cref="Socket.Select"/>, whose every call costs every socket), reads
/// each of those and hands their frames to its handler, with no hand-off between threads. The handlers run on this
/// thread only.
/// </summary>
public sealed class FramePoller : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    private readonly (PolledUpdateSocket Socket, FrameHandler OnFrame)[] _sockets;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FramePoller(IReadOnlyList<PolledUpdateSocket> sockets, Func<int, FrameHandler> handlerOf)
    {
        _sockets = [.. sockets.Select((socket, i) => (socket, handlerOf(i)))];
        _thread = new Thread(Run) { IsBackground = true, Name = "frame poller" };
        _thread.Start();
    }

    /// <summary>Completes once the thread stopped reading (stopped, or every socket ended).</summary>
    public Task Stopped => _stopped.Task;

    private void Run()
    {
        try
        {
            if (Epoll.Available)
            {
                RunOnEpoll();
            }
            else
            {
                RunOnSelect();
            }

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

    private void RunOnSelect()
    {
        var bySocket = _sockets.ToDictionary(entry => entry.Socket.Socket);
        var open = _sockets.Select(entry => entry.Socket.Socket).ToList();
        var ready = new List<Socket>(open.Count);
        while (!_stop.IsCancellationRequested && open.Count > 0)
        {
            ready.Clear();
            ready.AddRange(open);
            Socket.Select(ready, null, null, Tick);
            var ended = false;
            foreach (var socket in ready)
            {
                var (polled, onFrame) = bySocket[socket];
                ended |= !polled.ReadAvailable(onFrame);
            }

            if (ended)
            {
                open.RemoveAll(socket => !bySocket[socket].Socket.IsOpen);
            }
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Stopped;
    }

    public void Dispose() => _stop.Dispose();
}
