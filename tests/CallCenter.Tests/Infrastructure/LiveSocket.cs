using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace CallCenter.Tests.Infrastructure;

/// <summary>A client of <c>/ws/updates</c> that records every frame it receives, in order.</summary>
public sealed class LiveSocket : IAsyncDisposable
{
    public static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonNode> _frames = Channel.CreateUnbounded<JsonNode>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;

    private LiveSocket(ClientWebSocket socket)
    {
        _socket = socket;
        ServedBy = socket.HttpResponseHeaders?.TryGetValue("X-Served-By", out var values) == true ? values.Single() : null;
        _receiving = ReceiveAsync();
    }

    public string? ServedBy { get; }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    /// <summary>Completes when the server has closed (or dropped) the socket.</summary>
    public Task Closed => _frames.Reader.Completion;

    /// <summary>The API's socket as the admin.</summary>
    public static Task<LiveSocket> ConnectAsync(CallCenterApp app, string query = "") =>
        ConnectAsync(new UriBuilder(app.App.GetEndpoint("api", "http")) { Scheme = "ws", Path = "/ws/updates", Query = query }.Uri, AsAdmin);

    public static void AsAdmin(ClientWebSocketOptions options) =>
        options.SetRequestHeader("Authorization", TestSecrets.AdminAuthorization.ToString());

    /// <summary>Any live-updates socket, such as the Web app's relay; <paramref name="configure"/> sets cookies or Origin.</summary>
    public static async Task<LiveSocket> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket.Options);
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(FrameTimeout);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new LiveSocket(socket);
    }

    /// <summary>Connects until a socket lands on (or off) the given replica: DCP balances per connection.</summary>
    public static async Task<LiveSocket> ConnectToReplicaAsync(CallCenterApp app, Func<string?, bool> wanted, string query = "")
    {
        using var deadline = new CancellationTokenSource(FrameTimeout);
        while (true)
        {
            var socket = await ConnectAsync(app, query);
            if (wanted(socket.ServedBy))
            {
                return socket;
            }

            await socket.DisposeAsync();
            deadline.Token.ThrowIfCancellationRequested();
        }
    }

    public async Task<JsonNode> NextAsync(TimeSpan? timeout = null) =>
        await _frames.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? FrameTimeout);

    /// <summary>Frames until one matches; the skipped ones are returned too, in order.</summary>
    public async Task<(JsonNode Match, IReadOnlyList<JsonNode> Before)> NextMatchingAsync(Func<JsonNode, bool> predicate)
    {
        var before = new List<JsonNode>();
        using var deadline = new CancellationTokenSource(FrameTimeout);
        while (true)
        {
            var frame = await _frames.Reader.ReadAsync(deadline.Token);
            if (predicate(frame))
            {
                return (frame, before);
            }

            before.Add(frame);
        }
    }

    /// <summary>Every frame up to and including the one with <paramref name="lastId"/>.</summary>
    public async Task<IReadOnlyList<JsonNode>> UntilIdAsync(long lastId)
    {
        var (match, before) = await NextMatchingAsync(frame => frame["id"]!.GetValue<long>() >= lastId);
        return [.. before, match];
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                {
                    _frames.Writer.TryWrite(JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!);
                    message.SetLength(0);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Closed by the test or by the server; NextAsync then times out, which is the failure to report.
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
                // Already going away.
            }
        }

        await _stop.CancelAsync();
        await _receiving.WaitAsync(TimeSpan.FromSeconds(5));
        _socket.Dispose();
        _stop.Dispose();
    }
}
