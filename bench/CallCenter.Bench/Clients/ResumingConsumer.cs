using System.Diagnostics;
using System.Net.WebSockets;

namespace CallCenter.Bench.Clients;

/// <summary>
/// A client that must not miss anything: it remembers the last event id it saw and, whenever its socket
/// drops, reconnects (to whichever replica answers) with <c>last_event_id</c>. It records every id in
/// arrival order so the run can prove each was seen exactly once, in order.
/// </summary>
public sealed class ResumingConsumer(ApiAccess api, long startAfter)
{
    private readonly long _startAfter = startAfter;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly List<long> _ids = [];
    private readonly List<string> _connections = [];
    private long _lastId = startAfter;
    private long _droppedAt;
    private string _replica = "";

    public long LastId => Interlocked.Read(ref _lastId);

    /// <summary>The replica holding the current socket, as X-Served-By named it on the upgrade.</summary>
    public string Replica => Volatile.Read(ref _replica);

    public IReadOnlyList<long> Ids => _ids;

    /// <summary>One line per socket: where it landed, how long the client was without one, why it ended.</summary>
    public IReadOnlyList<string> Connections => _connections;

    public int SyncResets { get; private set; }

    public TimeSpan LongestWithoutSocket { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            LiveUpdateSocket socket;
            try
            {
                socket = await LiveUpdateSocket.ConnectAsync(api, $"last_event_id={LastId}", cancellationToken);
            }
            catch (Exception exception) when (exception is WebSocketException or HttpRequestException || exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The replica the proxy picked is stopping or gone; the next connection may land on the other.
                await Task.Delay(RetryDelay, cancellationToken);
                continue;
            }

            using (socket)
            {
                var without = _droppedAt == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_droppedAt);
                LongestWithoutSocket = without > LongestWithoutSocket ? without : LongestWithoutSocket;
                Volatile.Write(ref _replica, socket.Replica);
                var resumedAfter = LastId;
                var reason = await socket.ReceiveAsync(OnFrame, cancellationToken);
                _droppedAt = Stopwatch.GetTimestamp();
                _connections.Add($"on {socket.Replica}, resumed after id {resumedAfter} ({without.TotalMilliseconds:F0} ms without a socket), through id {LastId}: {reason}");
            }
        }
    }

    private void OnFrame(ReadOnlySpan<byte> frame, long arrivedAt)
    {
        if (frame.IndexOf("\"type\":\"sync:reset\""u8) >= 0)
        {
            // Never expected here: the run's events are all still kept. Counted so the run fails loudly if it happens.
            SyncResets++;
            return;
        }

        var id = EventFrame.Id(frame);
        _ids.Add(id);
        if (id > LastId)
        {
            Interlocked.Exchange(ref _lastId, id);
        }
    }

    /// <summary>
    /// Over the ids (startAfter, lastId]: how many never arrived, how many extra copies arrived, and how many
    /// arrived for the first time after a higher id had (late).
    /// </summary>
    public (long Lost, long Duplicated, long Late) Verify(long lastId)
    {
        var seen = new int[lastId - _startAfter];
        long late = 0;
        var highest = _startAfter;
        foreach (var id in _ids.Where(id => id > _startAfter && id <= lastId))
        {
            late += seen[id - _startAfter - 1]++ == 0 && id < highest ? 1 : 0;
            highest = Math.Max(highest, id);
        }

        return (seen.LongCount(count => count == 0), seen.Sum(count => Math.Max(0, count - 1L)), late);
    }
}
