using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CallCenter.Web.Hosting;

/// <summary>
/// The key ring's PostgreSQL, bounded to 900 ms so <c>/health</c> answers within a second. Failing it only
/// degrades the Web app: the keys are cached, signed-in people stay signed in, and pages say "temporarily
/// unavailable" for the API themselves; taking the Web out of the load balancer would show visitors a bare
/// proxy error instead.
/// </summary>
internal sealed class KeyRingHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public const string Name = "postgresql";

    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(900);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException || exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded("PostgreSQL (the key ring) does not answer; cached keys keep sign-ins working.", exception);
        }
    }
}
