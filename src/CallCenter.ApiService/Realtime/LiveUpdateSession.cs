using System.Net.WebSockets;
using System.Text.Json;
using CallCenter.ApiService.Events;

namespace CallCenter.ApiService.Realtime;

/// <summary>
/// One socket on <c>/ws/updates</c>: replays what the client missed (from PostgreSQL), then streams live
/// events in id order, with no duplicate or gap at the switch.
/// </summary>
public sealed class LiveUpdateSession(
    EventFeed feed,
    EventStore store,
    RealtimeMetrics metrics,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<LiveUpdateSession> logger)
{
    private const int ReplayBatch = 500;

    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Most events wait for their socket one at a time; those that queue up go out in one write of up to this many.</summary>
    private const int MaxBatch = 256;

    /// <summary>
    /// Subscribes, then completes the upgrade through <paramref name="sockets"/>: a client that sees its socket open
    /// gets every event committed after that moment (subscribing after the upgrade left a window where an event
    /// committed right after the client connected was never sent to it).
    /// </summary>
    /// <remarks>
    /// A socket is held for hours, so what it keeps is counted (bench/README.md, sockets): one method's frame and one
    /// cancellation for everything that ends it: the client leaving or closing (seen by <see cref="ListenAsync"/>),
    /// the server stopping and an inbox that overflowed with a write still stuck after
    /// <see cref="EventSubscriber.OverflowGrace"/> (both through the feed). <paramref name="place"/> is the caller's
    /// admission, given back when the socket ends.
    /// </remarks>
    public async Task RunAsync(WebSocketManager sockets, FrameBatchUpgrade? upgrade, EventFilter filter, long? resumeAfter, IDisposable place)
    {
        using var admitted = place;
        await feed.Ready.WaitAsync(lifetime.ApplicationStopping);
        using var closing = new CancellationTokenSource();
        // Subscribe before replaying, so nothing committed during the replay falls between the two.
        var subscriber = feed.Subscribe(filter, closing);
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await closing.CancelAsync();
        }

        try
        {
            using var socket = await sockets.AcceptWebSocketAsync();
            metrics.SocketsOpen.Add(1);
            // The batching stream exists once the connection is upgraded.
            var batch = upgrade?.Stream;
            var listening = ListenAsync(socket, closing);
            var sent = 0L;
            try
            {
                sent = resumeAfter is { } after
                    ? await ReplayAsync(socket, filter, after, subscriber.StartedAfter, closing.Token)
                    : subscriber.StartedAfter;
                subscriber.GoLive();

                while (await subscriber.Inbox.WaitToReadAsync(closing.Token))
                {
                    sent = await SendWaitingAsync(socket, batch, subscriber, sent, closing.Token);
                }

                if (subscriber.Overflowed)
                {
                    metrics.SlowSocketsClosed.Add(1);
                    await CloseAsync(socket, WebSocketCloseStatus.PolicyViolation, $"Too slow: reconnect with last_event_id={sent}");
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
                // The client went away or closed; its place on the feed is released below.
            }
            finally
            {
                if (lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    await CloseAsync(socket, WebSocketCloseStatus.EndpointUnavailable, $"Server stopping: reconnect with last_event_id={sent}");
                }

                await FinishListeningAsync(socket, listening);
                metrics.SocketsOpen.Add(-1);
            }
        }
        finally
        {
            feed.Unsubscribe(subscriber);
        }
    }

    /// <summary>Writes every event waiting in the inbox (up to a batch) with one flush; answers the last id sent.</summary>
    private async Task<long> SendWaitingAsync(WebSocket socket, FrameBatchStream? batch, EventSubscriber subscriber, long sent, CancellationToken cancellationToken)
    {
        batch?.Begin();
        var frames = 0;
        DateTime? oldest = null;
        try
        {
            while (frames < MaxBatch && subscriber.Inbox.TryRead(out var liveEvent))
            {
                if (liveEvent.Id <= sent)
                {
                    continue;
                }

                await socket.SendAsync(liveEvent.Frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                sent = liveEvent.Id;
                oldest ??= liveEvent.OccurredAt;
                frames++;
            }
        }
        catch when (batch is not null)
        {
            // Stop gathering, so the close frame that may follow is written, not held.
            await batch.AbandonAsync();
            throw;
        }

        if (batch is not null)
        {
            await batch.EndAsync(cancellationToken);
        }

        if (oldest is { } occurredAt)
        {
            metrics.EventsDelivered.Add(frames);
            // Once per write, for the event that waited longest in it.
            metrics.FanOutLag.Record((clock.GetUtcNow().UtcDateTime - occurredAt).TotalMilliseconds);
        }

        return sent;
    }

    private async Task<long> ReplayAsync(WebSocket socket, EventFilter filter, long after, long liveFrom, CancellationToken cancellationToken)
    {
        var (last, oldest) = await store.BoundsAsync(cancellationToken);
        if (after < oldest - 1 || after > last)
        {
            await SendResetAsync(socket, after, oldest, liveFrom, cancellationToken);
            return liveFrom;
        }

        metrics.ReplaysServed.Add(1);
        var sent = after;
        IReadOnlyList<LiveEvent> batch;
        do
        {
            batch = await store.ReadAfterAsync(sent, ReplayBatch, cancellationToken);
            foreach (var liveEvent in batch)
            {
                if (filter.Matches(liveEvent))
                {
                    await socket.SendAsync(liveEvent.Frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                    metrics.EventsDelivered.Add(1);
                }

                sent = liveEvent.Id;
            }
        }
        while (batch.Count == ReplayBatch);

        return sent;
    }

    /// <summary>The client asked for events we no longer keep (or never had): it must refetch, then go on from here.</summary>
    private async Task SendResetAsync(WebSocket socket, long asked, long oldest, long liveFrom, CancellationToken cancellationToken)
    {
        logger.LogInformation("Resume after {Asked} is outside the kept events ({Oldest}..); sending {Type}", asked, oldest, LiveEvent.SyncReset);
        var frame = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = liveFrom,
            type = LiveEvent.SyncReset,
            data = new { reason = "last_event_id is older than the events kept; refetch state", requested_last_event_id = asked, oldest_event_id = oldest, last_event_id = liveFrom },
            ts = clock.GetUtcNow().UtcDateTime,
        });
        await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    /// <summary>
    /// Sends our close frame with where to resume, without waiting for the client's reply: a client that stopped
    /// reading never answers, and one whose buffers are full cannot even take the frame, so after a short wait
    /// the connection is dropped.
    /// </summary>
    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await socket.CloseOutputAsync(status, reason, timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            socket.Abort();
        }
    }

    /// <summary>
    /// Reads (and ignores) what the client sends, so its close handshake is seen at once. The receive takes no
    /// cancellation token: cancelling a WebSocket operation aborts the socket, which would drop the close frame
    /// (1001 or 1008, with the resume point) this session still has to send.
    /// </summary>
    private static async Task ListenAsync(WebSocket socket, CancellationTokenSource closing)
    {
        // Clients only close (pongs are the WebSocket's own business): a small buffer per socket does, and
        // the ValueTask overload keeps less state per waiting socket than the Task one.
        var buffer = new byte[128];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }

                    break;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The socket is gone either way; the sender stops on the cancellation below.
        }
        finally
        {
            await closing.CancelAsync();
        }
    }

    /// <summary>Gives the client a moment to answer our close; one that does not is cut off.</summary>
    private static async Task FinishListeningAsync(WebSocket socket, Task listening)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            // Nothing was closed from our side (the client left, or the send failed): there is no answer to wait for.
            socket.Abort();
        }

        try
        {
            await listening.WaitAsync(CloseHandshakeTimeout);
        }
        catch (TimeoutException)
        {
            socket.Abort();
            await listening;
        }
    }
}
