using CallCenter.ApiService.Data;
using CallCenter.ApiService.Realtime;

namespace CallCenter.ApiService.Distribution;

/// <summary>
/// Runs <see cref="DistributionPass"/> on this replica whenever something may allow an offer — a local commit, or
/// a call queued or an agent available on the feed (<see cref="OfferTrigger"/>: another replica's change, should that
/// replica fail to act on it) — and when the next timer is due. Timers live in PostgreSQL, so any replica settles any offer.
/// </summary>
public sealed class CallDistributor(
    DistributionPass pass, DistributionSignal signal, EventFeed feed, TimeProvider clock, ILogger<CallDistributor> logger) : BackgroundService
{
    /// <summary>The longest this replica goes without looking, in case a wake-up was lost (a quiet pass, no trace).</summary>
    private static readonly TimeSpan Fallback = TimeSpan.FromSeconds(1);

    private static readonly EventFilter Relevant = new(new HashSet<string>(StringComparer.Ordinal) { "calls", "agents" }, null);

    private readonly OutageLog _outage = new(logger, "Distributing calls");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await feed.Ready.WaitAsync(stoppingToken);
        _ = WakeOnEventsAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Fallback;
            try
            {
                if (await pass.RunAsync(stoppingToken) is { } due)
                {
                    wait = TimeSpan.FromTicks(Math.Clamp((due - clock.UtcNow()).Ticks, 0, Fallback.Ticks));
                }

                _outage.Succeeded();
            }
            catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception) && !stoppingToken.IsCancellationRequested)
            {
                _outage.Failed(exception);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "A distribution pass failed; the next one tries again");
            }

            if (wait > TimeSpan.Zero)
            {
                await signal.WaitAsync(wait, stoppingToken);
            }
        }
    }

    private async Task WakeOnEventsAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var subscriber = feed.Subscribe(Relevant);
            try
            {
                // The inbox completes if it ever overflows; a fresh subscription follows (the fallback covers the gap).
                await foreach (var liveEvent in subscriber.Inbox.ReadAllAsync(stoppingToken))
                {
                    if (OfferTrigger.MayAllowOffer(liveEvent))
                    {
                        signal.Wake();
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                feed.Unsubscribe(subscriber);
            }
        }
    }
}
