using System.Diagnostics;

namespace CallCenter.Bench.Clients;

/// <summary>Calls placed on a fixed schedule, and waits on a condition with a deadline, as the open-loop scenarios need.</summary>
public static class OpenLoop
{
    /// <summary>
    /// Call i is due at start + i/rate whether or not earlier calls have been answered, so a slow server cannot slow
    /// the offered load (and hide its own latency). Due calls are fired without waiting.
    /// </summary>
    public static Task<(PlacedCall[] Placed, long Start)> PlaceOnScheduleAsync(
        CallPlacer placer, int rate, int count, Func<int, string> customerName, CancellationToken cancellationToken) =>
        PlaceOnScheduleAsync(rate, count, i => placer.PlaceAsync(i, customerName(i), cancellationToken), cancellationToken);

    /// <summary>As above, with <paramref name="place"/> placing the i-th call however the scenario wants it placed.</summary>
    public static async Task<(PlacedCall[] Placed, long Start)> PlaceOnScheduleAsync(
        int rate, int count, Func<int, Task<PlacedCall>> place, CancellationToken cancellationToken)
    {
        var inFlight = new Task<PlacedCall>[count];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start + (long)(i * (double)Stopwatch.Frequency / rate));
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            inFlight[i] = place(i);
        }

        return (await Task.WhenAll(inFlight), start);
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition() && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
