using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace CallCenter.ApiService.Realtime;

/// <summary>
/// The upgraded connection under a live-update socket. Between <see cref="Begin"/> and <see cref="EndAsync"/> the
/// WebSocket's writes (our frames, and any ping it sends meanwhile) are gathered and then written and flushed once:
/// a socket that has several events waiting gets them in one write instead of one flush each.
/// </summary>
public sealed class FrameBatchStream(Stream connection) : Stream
{
    private const int FirstBufferBytes = 4096;

    private readonly SemaphoreSlim _writing = new(1, 1);
    private byte[]? _pending;
    private int _pendingBytes;
    private bool _gathering;

    public void Begin() => _gathering = true;

    /// <summary>Drops what was gathered (the socket is failing) and writes straight through again.</summary>
    public async ValueTask AbandonAsync()
    {
        await _writing.WaitAsync();
        try
        {
            _gathering = false;
            if (_pending is { } pending)
            {
                (_pending, _pendingBytes) = (null, 0);
                ArrayPool<byte>.Shared.Return(pending);
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    public async ValueTask EndAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            _gathering = false;
            if (_pending is { } pending)
            {
                var length = _pendingBytes;
                (_pending, _pendingBytes) = (null, 0);
                try
                {
                    await connection.WriteAsync(pending.AsMemory(0, length), cancellationToken);
                    await connection.FlushAsync(cancellationToken);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(pending);
                }
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            if (_gathering)
            {
                Gather(buffer.Span);
            }
            else
            {
                await connection.WriteAsync(buffer, cancellationToken);
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _gathering ? Task.CompletedTask : connection.FlushAsync(cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        connection.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        connection.ReadAsync(buffer, offset, count, cancellationToken);

    private void Gather(ReadOnlySpan<byte> bytes)
    {
        var needed = _pendingBytes + bytes.Length;
        if (_pending is null || _pending.Length < needed)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(FirstBufferBytes, (_pending?.Length ?? 0) * 2)));
            if (_pending is not null)
            {
                _pending.AsSpan(0, _pendingBytes).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(_pending);
            }

            _pending = grown;
        }

        bytes.CopyTo(_pending.AsSpan(_pendingBytes));
        _pendingBytes = needed;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => connection.Flush();

    public override int Read(byte[] buffer, int offset, int count) => connection.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Live-update sockets write asynchronously.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            connection.Dispose();
            _writing.Dispose();
            if (_pending is not null)
            {
                ArrayPool<byte>.Shared.Return(_pending);
                _pending = null;
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        Dispose(disposing: true);
    }
}

/// <summary>Hands the WebSocket middleware a <see cref="FrameBatchStream"/> in place of the bare upgraded connection.</summary>
public sealed class FrameBatchUpgrade(IHttpUpgradeFeature upgrade) : IHttpUpgradeFeature
{
    public FrameBatchStream? Stream { get; private set; }

    public bool IsUpgradableRequest => upgrade.IsUpgradableRequest;

    public async Task<Stream> UpgradeAsync() => Stream = new FrameBatchStream(await upgrade.UpgradeAsync());
}
