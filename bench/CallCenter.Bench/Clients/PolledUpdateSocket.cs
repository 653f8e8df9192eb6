using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace CallCenter.Bench.Clients;

/// <summary>
/// A <c>/ws/updates</c> client on a bare non-blocking socket, read by a <see cref="FramePoller"/> thread rather than by
/// an async receive of its own. With a thousand sockets on the same two cores as the servers, the async client spent
/// most of its time handing each frame from thread to thread (futex waits and wake-ups: 40 % of its samples in the
/// hypervisor's return from a context switch); one thread that asks the kernel which sockets have data and reads
/// them in turn does the same work without the hand-offs. It speaks just enough WebSocket for the API: the upgrade,
/// unmasked frames from the server, pongs to its pings, its close.
/// </summary>
public sealed class PolledUpdateSocket : IDisposable
{
    private const int FirstBufferBytes = 8192;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);

    private readonly Socket _socket;
    private byte[] _buffer;
    private int _filled;
    private byte[]? _message;
    private int _messageLength;

    private PolledUpdateSocket(Socket socket, string replica, byte[] buffer, int filled)
    {
        _socket = socket;
        Replica = replica;
        _buffer = buffer;
        _filled = filled;
    }

    /// <summary>The replica holding this socket, from the upgrade response's X-Served-By.</summary>
    public string Replica { get; }

    public Socket Socket => _socket;

    /// <summary>Why the socket ended (the server's close, a lost connection), or null while it is open.</summary>
    public string? Ended { get; private set; }

    public bool IsOpen => Ended is null;

    /// <summary>
    /// Connects and upgrades with blocking calls: a socket that ever ran an asynchronous operation stays in the runtime's
    /// own epoll set, and every frame would then wake the runtime's socket thread as well as the poller.
    /// </summary>
    public static PolledUpdateSocket Connect(ApiAccess api, string query)
    {
        var address = api.Address;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = (int)ConnectTimeout.TotalMilliseconds };
        try
        {
            socket.Connect(address.Host, address.Port);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = new StringBuilder()
                .Append("GET /ws/updates").Append(query.Length > 0 ? "?" + query.TrimStart('?') : "").Append(" HTTP/1.1\r\n")
                .Append("Host: ").Append(address.Authority).Append("\r\n")
                .Append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                .Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n");
            if (api.Key is not null)
            {
                request.Append("Authorization: Bearer ").Append(api.Key).Append("\r\n");
            }

            socket.Send(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));
            var buffer = new byte[FirstBufferBytes];
            var filled = 0;
            int headersEnd;
            while ((headersEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
            {
                if (filled == buffer.Length)
                {
                    throw new IOException("The upgrade's answer has more headers than the bench reads.");
                }

                var received = socket.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
                if (received == 0)
                {
                    throw new IOException("The server closed the connection during the upgrade.");
                }

                filled += received;
            }

            var head = Encoding.ASCII.GetString(buffer, 0, headersEnd).Split("\r\n");
            if (head[0].Split(' ') is not [_, "101", ..])
            {
                throw new IOException($"The upgrade was refused: {head[0]}");
            }

            var replica = head.Skip(1)
                .Select(line => line.Split(':', 2))
                .Where(parts => parts.Length == 2 && parts[0].Trim().Equals(ServedBy.Header, StringComparison.OrdinalIgnoreCase))
                .Select(parts => parts[1].Trim())
                .FirstOrDefault() ?? "";
            // Frames that came with the answer stay in the buffer for the first read.
            var rest = filled - (headersEnd + 4);
            buffer.AsSpan(headersEnd + 4, rest).CopyTo(buffer);
            socket.Blocking = false;
            return new PolledUpdateSocket(socket, replica, buffer, rest);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Connects until a socket lands on a replica <paramref name="wanted"/> accepts; the others are dropped.</summary>
    public static PolledUpdateSocket ConnectToReplica(ApiAccess api, string query, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var socket = Connect(api, query);
            if (wanted(socket.Replica))
            {
                return socket;
            }

            socket.Dispose();
        }
    }

    /// <summary>
    /// Reads whatever the kernel holds for this socket without waiting and hands on each whole message; false once
    /// the socket ended (<see cref="Ended"/> says why).
    /// </summary>
    public bool ReadAvailable(FrameHandler onFrame)
    {
        if (!IsOpen)
        {
            return false;
        }

        // Frames that came with the upgrade's answer are handed on with the first read.
        if (_filled > 0)
        {
            Parse(onFrame, Stopwatch.GetTimestamp());
        }

        while (IsOpen)
        {
            if (_filled == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var received = _socket.Receive(_buffer, _filled, _buffer.Length - _filled, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                return true;
            }

            if (error != SocketError.Success || received == 0)
            {
                Ended = error == SocketError.Success ? "connection closed without a close frame" : $"connection lost: {error}";
                return false;
            }

            _filled += received;
            Parse(onFrame, Stopwatch.GetTimestamp());
        }

        return false;
    }

    /// <summary>Hands on every whole frame in the buffer and keeps the partial one at its start.</summary>
    private void Parse(FrameHandler onFrame, long arrivedAt)
    {
        var at = 0;
        while (IsOpen && TryFrame(_buffer.AsSpan(at, _filled - at), out var opcode, out var final, out var payloadAt, out var payloadLength))
        {
            var payload = _buffer.AsSpan(at + payloadAt, payloadLength);
            at += payloadAt + payloadLength;
            switch (opcode)
            {
                case 0x1 or 0x0 when final && _messageLength == 0:
                    onFrame(payload, arrivedAt);
                    break;
                case 0x1 or 0x0:
                    Append(payload);
                    if (final)
                    {
                        onFrame(_message.AsSpan(0, _messageLength), arrivedAt);
                        _messageLength = 0;
                    }

                    break;
                case 0x8:
                    var status = payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload) : 0;
                    Ended = $"closed by the server: {status} {Encoding.UTF8.GetString(payload[Math.Min(2, payload.Length)..])}";
                    break;
                case 0x9:
                    Pong(payload);
                    break;
            }
        }

        _buffer.AsSpan(at, _filled - at).CopyTo(_buffer);
        _filled -= at;
    }

    private static bool TryFrame(ReadOnlySpan<byte> data, out int opcode, out bool final, out int payloadAt, out int payloadLength)
    {
        (opcode, final, payloadAt, payloadLength) = (0, false, 0, 0);
        if (data.Length < 2)
        {
            return false;
        }

        opcode = data[0] & 0x0F;
        final = (data[0] & 0x80) != 0;
        long length = data[1] & 0x7F;
        payloadAt = 2;
        if (length == 126)
        {
            if (data.Length < 4)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            payloadAt = 4;
        }
        else if (length == 127)
        {
            if (data.Length < 10)
            {
                return false;
            }

            length = (long)BinaryPrimitives.ReadUInt64BigEndian(data[2..]);
            payloadAt = 10;
        }

        payloadLength = (int)length;
        return data.Length >= payloadAt + payloadLength;
    }

    private void Append(ReadOnlySpan<byte> payload)
    {
        if (_message is null || _message.Length < _messageLength + payload.Length)
        {
            Array.Resize(ref _message, Math.Max(FirstBufferBytes, (_messageLength + payload.Length) * 2));
        }

        payload.CopyTo(_message.AsSpan(_messageLength));
        _messageLength += payload.Length;
    }

    /// <summary>Answers the server's keep-alive ping (it closes a socket that does not), masked as a client must.</summary>
    private void Pong(ReadOnlySpan<byte> ping)
    {
        var frame = new byte[6 + ping.Length];
        frame[0] = 0x8A;
        frame[1] = (byte)(0x80 | ping.Length);
        RandomNumberGenerator.Fill(frame.AsSpan(2, 4));
        for (var i = 0; i < ping.Length; i++)
        {
            frame[6 + i] = (byte)(ping[i] ^ frame[2 + (i % 4)]);
        }

        // A few bytes on a socket whose send buffer is empty: the non-blocking send takes them whole.
        _socket.Send(frame, SocketFlags.None, out _);
    }

    /// <summary>Drops the connection without a close handshake: fast, and the server must cope with exactly that.</summary>
    public void Dispose() => _socket.Dispose();
}
