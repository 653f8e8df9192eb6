using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallCenter.AppHost.Backups;

/// <summary>Takes a base backup at each time of <see cref="BackupOptions.Schedule"/> while the AppHost runs.</summary>
internal sealed class BackupScheduler(PostgresBackups backups, BackupSchedule schedule, TimeProvider time, ILogger<BackupScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (schedule.NextRun() is { } next)
            {
                logger.LogInformation("Next scheduled backup at {Next:u}.", next);
                var wait = next - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken);
                }

                // A failure is recorded, logged and shown by the backups themselves; the schedule carries on.
                await backups.TakeAsync("schedule", stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }
}
