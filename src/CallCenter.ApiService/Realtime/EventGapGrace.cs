using System.Threading.Channels;

namespace CallCenter.ApiService.Realtime;

/// <summary>
/// How long the feed waits for the bus to bring a missing event before reading PostgreSQL (<see cref="RealtimeOptions.GapGrace"/>):
/// counted from when the event began missing, so events arriving behind the gap do not extend it.
/// Not thread-safe: the feed's one reading loop owns it.
/// </summary>
public sealed class EventGapGrace(TimeSpan grace, TimeProvider clock)
{
    // When the feed began missing an event (0: nothing is missing).
    private long _missingSince;

    /// <summary>Nothing is missing any more (the gap filled, or PostgreSQL was read).</summary>
    public void Closed() => _missingSince = 0;

    /// <summary>
    /// An event is missing: waits until <paramref name="incoming"/> has something more to read (true: it may be the
    /// missing event) or the grace since the event began missing is over (false: read PostgreSQL).
    /// </summary>
    public async Task<bool> WaitForBusAsync<T>(ChannelReader<T> incoming, CancellationToken stoppingToken)
    {
        if (_missingSince == 0)
        {
            _missingSince = clock.GetTimestamp();
        }

        var wait = grace - clock.GetElapsedTime(_missingSince);
        if (wait <= TimeSpan.Zero)
        {
            return false;
        }

        using var over = new CancellationTokenSource(wait, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, over.Token);
        try
        {
            return await incoming.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
