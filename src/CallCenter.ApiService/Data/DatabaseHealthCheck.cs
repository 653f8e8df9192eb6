using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Data;

/// <summary>
/// Readiness on PostgreSQL, bounded by <see cref="DatabaseOptions.HealthCheckTimeout"/> so <c>/health</c> answers
/// within a second whatever the server does; an open circuit answers Unhealthy without trying.
/// </summary>
internal sealed class DatabaseHealthCheck(DatabaseCircuit circuit, IOptions<DatabaseOptions> options) : IHealthCheck
{
    public const string Name = "postgresql";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (circuit.IsOpen)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is unreachable: requests that need it answer 503 until it is back.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.HealthCheckTimeout);
        try
        {
            await using var connection = await circuit.OpenConnectionAsync(timeout.Token);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: timeout.Token));
            return HealthCheckResult.Healthy();
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL did not answer within {options.Value.HealthCheckTimeout.TotalMilliseconds:F0} ms.");
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception))
        {
            circuit.Observe(exception);
            return HealthCheckResult.Unhealthy("PostgreSQL is unreachable.", exception);
        }
    }
}
