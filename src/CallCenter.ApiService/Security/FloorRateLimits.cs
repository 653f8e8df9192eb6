using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CallCenter.ApiService.Security;

/// <summary>
/// Which budget a request draws on: its key (per person for the Web app's key), or its address when it
/// brings no valid credentials. Health probes draw on none.
/// </summary>
public sealed class FloorRateLimits(IConnectionMultiplexer redis, IOptions<RateLimitingOptions> options, TimeProvider clock, ILogger<FloorRateLimits> logger)
{
    public RateLimitPartition<string> PartitionFor(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive"))
        {
            return RateLimitPartition.GetNoLimiter("probes");
        }

        var limits = options.Value;
        var (partition, permits) = FloorCaller.FromPrincipal(context.User) is { } caller
            ? ($"callcenter:rate:{caller.Partition}", caller.RequestsPerMinute ?? limits.RequestsPerMinute)
            : ($"callcenter:rate:address:{context.Connection.RemoteIpAddress}", limits.AnonymousRequestsPerMinute);
        return RateLimitPartition.Get($"{partition}:{permits.ToString(CultureInfo.InvariantCulture)}",
            key => new SharedWindowLimiter(key, permits, redis, logger, clock));
    }

    /// <summary>429 as a problem, with how long to wait.</summary>
    public static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = RetryAfter(rejected.Lease);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This caller's requests per minute are used up; retry after {context.Response.Headers.RetryAfter} s.",
            },
        });
    }

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
}
