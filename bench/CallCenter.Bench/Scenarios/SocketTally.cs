using System.Text;
using CallCenter.Bench.Clients;

namespace CallCenter.Bench.Scenarios;

/// <summary>
/// What one socket received during the latency run: when each measured call (customer_name
/// <c>prefix + number</c>) arrived, its commit-to-arrival lag, duplicates, and whether ids were contiguous.
/// Only that socket's receive loop writes here; totals are read once it has drained.
/// </summary>
public sealed class SocketTally(int measuredCalls, string measuredPrefix, string warmupPrefix)
{
    private readonly byte[] _measuredPrefix = Encoding.UTF8.GetBytes(measuredPrefix);
    private readonly byte[] _warmupPrefix = Encoding.UTF8.GetBytes(warmupPrefix);
    private long _lastId = -1;
    private int _received;
    private int _warmupSeen = -1;

    private static ReadOnlySpan<byte> CustomerName => "\"customer_name\""u8;

    /// <summary>Stopwatch timestamp at which each measured call's frame arrived; 0 while it has not.</summary>
    public long[] ArrivedAt { get; } = new long[measuredCalls];

    /// <summary>From the event's <c>ts</c> (taken by the API as it wrote the outbox row) to arrival, in ms.</summary>
    public float[] SinceCommitMs { get; } = new float[measuredCalls];

    public int Received => Volatile.Read(ref _received);

    /// <summary>The highest warm-up call number seen: proves the socket is subscribed before measuring starts.</summary>
    public int WarmupSeen => Volatile.Read(ref _warmupSeen);

    public long Frames { get; private set; }

    public long Duplicates { get; private set; }

    /// <summary>Ids skipped between two consecutive frames: the socket was never told about them.</summary>
    public long IdsSkipped { get; private set; }

    /// <summary>Frames whose id was not above the previous one's: repeated or out of order.</summary>
    public long IdsBackwards { get; private set; }

    public void OnFrame(ReadOnlySpan<byte> frame, long arrivedAt)
    {
        Frames++;
        var id = EventFrame.Id(frame);
        if (_lastId >= 0 && id <= _lastId)
        {
            IdsBackwards++;
        }
        else if (_lastId >= 0 && id > _lastId + 1)
        {
            IdsSkipped += id - _lastId - 1;
        }

        _lastId = Math.Max(_lastId, id);
        var call = EventFrame.NumberAfterPrefix(frame, CustomerName, _measuredPrefix);
        if (call < 0 || call >= ArrivedAt.Length)
        {
            if (EventFrame.NumberAfterPrefix(frame, CustomerName, _warmupPrefix) is var warmup and >= 0)
            {
                Volatile.Write(ref _warmupSeen, Math.Max(_warmupSeen, warmup));
            }

            return;
        }

        if (ArrivedAt[call] != 0)
        {
            Duplicates++;
            return;
        }

        ArrivedAt[call] = arrivedAt;
        SinceCommitMs[call] = EventFrame.Timestamp(frame) is { } ts ? (float)(DateTime.UtcNow - ts).TotalMilliseconds : float.NaN;
        Volatile.Write(ref _received, _received + 1);
    }
}
