using System.Diagnostics;
using System.Net.WebSockets;

namespace CallCenter.Bench.Clients;

/// <summary>Called with each whole frame and the Stopwatch timestamp taken as its last byte arrived.</summary>
public delegate void FrameHandler(ReadOnlySpan<byte> frame, long arrivedAt);

/// <summary>
/// A lean client of <c>/ws/updates</c>: it hands raw frames to the scenario instead of parsing them into
/// objects, because with a thousand sockets the client shares the same two cores as the servers it measures.
/// </summary>
public sealed class LiveUpdateSocket : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket;

    private LiveUpdateSocket(ClientWebSocket socket)
    {
        _socket = socket;
        Replica = ServedBy.Of(socket.HttpResponseHeaders) ?? "";
    }

    /// <summary>The replica holding this socket, from the upgrade response's X-Served-By.</summary>
    public string Replica { get; }

    public static async Task<LiveUpdateSocket> ConnectAsync(ApiAccess api, string query, CancellationToken cancellationToken)
    {
        var address = api.Address;
        var uri = new UriBuilder(address) { Scheme = address.Scheme == Uri.UriSchemeHttps ? "wss" : "ws", Path = "/ws/updates", Query = query }.Uri;
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        api.Authorize(socket.Options);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            await socket.ConnectAsync(uri, timeout.Token);
            return new LiveUpdateSocket(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Connects until a socket lands on a replica <paramref name="wanted"/> accepts; the others are dropped.</summary>
    public static async Task<LiveUpdateSocket> ConnectToReplicaAsync(
        ApiAccess api, string query, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            var socket = await ConnectAsync(api, query, cancellationToken);
            if (wanted(socket.Replica))
            {
                return socket;
            }

            socket.Dispose();
        }
    }

    /// <summary>Receives until the server closes, the connection fails or <paramref name="cancellationToken"/> fires; says which.</summary>
    public async Task<string> ReceiveAsync(FrameHandler onFrame, CancellationToken cancellationToken)
    {
        // Frames are a few hundred bytes; a larger one grows the buffer once.
        var buffer = new byte[2048];
        var filled = 0;
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(buffer.AsMemory(filled), cancellationToken);
                var arrivedAt = Stopwatch.GetTimestamp();
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return $"closed by the server: {_socket.CloseStatus} {_socket.CloseStatusDescription}";
                }

                filled += received.Count;
                if (!received.EndOfMessage)
                {
                    if (filled == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    continue;
                }

                onFrame(buffer.AsSpan(0, filled), arrivedAt);
                filled = 0;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return "stopped by the bench";
        }
        catch (WebSocketException exception)
        {
            return $"connection lost: {exception.Message}";
        }
    }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <summary>Drops the connection without a close handshake: fast, and the server must cope with exactly that.</summary>
    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
    }
}
