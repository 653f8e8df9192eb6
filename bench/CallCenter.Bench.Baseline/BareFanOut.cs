using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;

/// <summary>
/// The least an ASP.NET Core app does to fan an event out to WebSockets, as the yardstick for the API's: a POST
/// numbers the event and serializes it once, every socket has a queue of frames and a loop that sends them one
/// <c>SendAsync</c> each. No database, no second process, no filters: what is left is Kestrel, the WebSocket and the
/// machine, which the API's fan-out pays too.
/// </summary>
internal sealed class BareFanOut
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly ConcurrentDictionary<long, ChannelWriter<byte[]>> _sockets = new();
    private readonly Lock _numbering = new();
    private long _lastSocket;
    private long _lastId;

    /// <summary>Holds one socket until the client closes it or the app stops.</summary>
    public async Task HoldAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var frames = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        var key = Interlocked.Increment(ref _lastSocket);
        _sockets[key] = frames.Writer;
        var listening = ListenAsync(socket, frames.Writer);
        try
        {
            await foreach (var frame in frames.Reader.ReadAllAsync(context.RequestAborted))
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client went away.
        }
        finally
        {
            _sockets.TryRemove(key, out _);
        }

        await listening;
    }

    /// <summary>Numbers the event and queues its one frame on every socket, in id order on each.</summary>
    public object Publish(string? customerName, string? phoneNumber)
    {
        lock (_numbering)
        {
            var id = ++_lastId;
            var callId = $"CALL-{id:X8}";
            var now = DateTime.UtcNow;
            var frame = JsonSerializer.SerializeToUtf8Bytes(
                new BareEvent(id, "call:new", new BareCall(callId, "CUST-001", customerName, phoneNumber, "queued", "normal", "support", "ar", null, now), now),
                Json);
            foreach (var socket in _sockets.Values)
            {
                socket.TryWrite(frame);
            }

            return new { CallId = callId };
        }
    }

    private static async Task ListenAsync(WebSocket socket, ChannelWriter<byte[]> frames)
    {
        var buffer = new byte[256];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                if ((await socket.ReceiveAsync(buffer, CancellationToken.None)).MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (WebSocketException)
        {
            // The connection dropped.
        }
        finally
        {
            frames.TryComplete();
        }
    }

    private sealed record BareEvent(long Id, string Type, BareCall Data, DateTime Ts);

    /// <summary>About the fields of the API's <c>call:new</c>, so the frames are of comparable size.</summary>
    private sealed record BareCall(
        string CallId, string CustomerId, string? CustomerName, string? PhoneNumber, string Status, string Priority,
        string Department, string Language, string? AgentId, DateTime StartedAt);
}
