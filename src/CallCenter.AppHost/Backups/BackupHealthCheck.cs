using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CallCenter.AppHost.Backups;

/// <summary>
/// The server keeps running when a backup fails, but shows Unhealthy in the dashboard until a backup succeeds.
/// Healthy at start whatever the catalog says, so an old failure never holds the services back.
/// </summary>
internal sealed class BackupHealthCheck(PostgresBackups backups) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(backups.LastFailure is { } failed
            ? HealthCheckResult.Unhealthy($"Backup {failed.Id} failed: {failed.Error}")
            : HealthCheckResult.Healthy());
}
