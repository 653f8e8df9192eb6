using CallCenter.ApiService.Data;
using Npgsql;

namespace CallCenter.ApiService.Idempotency;

/// <summary>
/// Deletes expired keys hourly. Expired keys already count as absent (a claim reuses one), so this only keeps the
/// table small; it says something only when it deleted something.
/// </summary>
internal sealed class KeyPrune(IdempotencyStore store, ILogger<KeyPrune> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PruneEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await store.PruneAsync(stoppingToken) is > 0 and var pruned)
                {
                    logger.LogInformation("Pruned {Count} expired idempotency keys", pruned);
                }
            }
            catch (Exception exception) when (exception is NpgsqlException || DatabaseFailures.IsUnavailable(exception))
            {
                logger.LogWarning(exception, "Pruning expired idempotency keys failed; the next hour tries again");
            }
        }
    }
}
