using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace CallCenter.ApiService.Security;

/// <summary>
/// A per-minute window counted in Redis, so both replicas draw on one budget. Redis is not the record here
/// either: while it is unreachable each replica counts on its own rather than refuse or stall the floor.
/// </summary>
public sealed class SharedWindowLimiter : RateLimiter
{
    private static readonly RateLimitLease NotYet = new WaitForShared();

    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger _logger;
    private readonly RedisFixedWindowRateLimiter<string> _shared;
    private readonly FixedWindowRateLimiter _local;

    public SharedWindowLimiter(string partition, int permitsPerMinute, IConnectionMultiplexer redis, ILogger logger)
    {
        _redis = redis;
        _logger = logger;
        _shared = new RedisFixedWindowRateLimiter<string>(partition, new RedisFixedWindowRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => redis,
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
        });
        _local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    public override TimeSpan? IdleDuration => _local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    /// <summary>Redis cannot answer synchronously; a failed attempt sends the middleware to <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        _redis.IsConnected ? NotYet : _local.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (_redis.IsConnected)
        {
            try
            {
                return await _shared.AcquireAsync(permitCount, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A limiter must never turn a request into an error: count locally, as while Redis is away.
                _logger.LogWarning(exception, "The shared rate limit could not be read from Redis; counting on this replica");
            }
        }

        return _local.AttemptAcquire(permitCount);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _shared.Dispose();
            _local.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class WaitForShared : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
