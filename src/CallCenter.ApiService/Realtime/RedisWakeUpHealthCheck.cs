using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace CallCenter.ApiService.Realtime;

/// <summary>
/// Redis only wakes replicas early; without it events still flow through PostgreSQL catch-up. So Redis being
/// down degrades this replica (slower live updates) rather than taking it out of the load balancer.
/// </summary>
internal sealed class RedisWakeUpHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public const string Name = "redis";

    /// <summary>Under a second, so <c>/health</c> answers within one whatever Redis does.</summary>
    private static readonly TimeSpan PingTimeout = TimeSpan.FromMilliseconds(900);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis does not answer; live updates arrive through PostgreSQL catch-up.", exception);
        }
    }
}
