using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace CallCenter.ApiService.Security;

/// <summary>
/// A per-minute window counted in Redis, so both replicas draw on one budget, leased in chunks
/// (<see cref="PermitLease"/>) so a request is admitted from memory and only a lease awaits Redis. Redis is not the
/// record here either: while it is unreachable each replica counts on its own rather than refuse or stall the floor.
/// </summary>
public sealed class SharedWindowLimiter : RateLimiter
{
    private static readonly RateLimitLease NotYet = new Decision(false, null);
    private static readonly RateLimitLease Admitted = new Decision(true, null);
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromMinutes(2);

    private readonly string _partition;
    private readonly int _limit;
    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly FixedWindowRateLimiter _local;
    private readonly SemaphoreSlim _leasing = new(1, 1);
    private readonly Lock _gate = new();
    private long _window = -1;
    private int _allowance;
    private long _usedSeen;

    public SharedWindowLimiter(string partition, int permitsPerMinute, IConnectionMultiplexer redis, ILogger logger, TimeProvider clock)
    {
        _partition = partition;
        _limit = permitsPerMinute;
        _redis = redis;
        _logger = logger;
        _clock = clock;
        _local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    public override TimeSpan? IdleDuration => _local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    /// <summary>Admits from the leased allowance; with none left, sends the middleware to <see cref="AcquireAsyncCore"/> for a lease.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (!_redis.IsConnected)
        {
            return _local.AttemptAcquire(permitCount);
        }

        lock (_gate)
        {
            return TakeFromAllowance(permitCount) ?? NotYet;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (!_redis.IsConnected)
        {
            return _local.AttemptAcquire(permitCount);
        }

        await _leasing.WaitAsync(cancellationToken);
        try
        {
            long window;
            int asked;
            lock (_gate)
            {
                // Another request may have leased while this one waited.
                if (TakeFromAllowance(permitCount) is { } decided)
                {
                    return decided;
                }

                window = _window;
                asked = PermitLease.Size(_limit, _usedSeen, permitCount);
            }

            long usedAfter;
            try
            {
                var database = _redis.GetDatabase();
                var key = $"{_partition}:{window}";
                usedAfter = await database.StringIncrementAsync(key, asked);
                database.KeyExpire(key, KeyLifetime, CommandFlags.FireAndForget);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                // A limiter must never turn a request into an error: count locally, as while Redis is away.
                _logger.LogWarning(exception, "The shared rate limit could not be leased from Redis; counting on this replica");
                return _local.AttemptAcquire(permitCount);
            }

            lock (_gate)
            {
                if (_window == window)
                {
                    _usedSeen = usedAfter;
                    _allowance += PermitLease.Granted(asked, usedAfter, _limit);
                }

                return TakeFromAllowance(permitCount) ?? Refused();
            }
        }
        finally
        {
            _leasing.Release();
        }
    }

    /// <summary>Admitted from the allowance, refused when this window's budget is used up, null when a lease is needed.</summary>
    private RateLimitLease? TakeFromAllowance(int permitCount)
    {
        var window = PermitLease.WindowOf(_clock.GetUtcNow());
        if (window != _window)
        {
            // Permits leased in a window that is over are gone with it.
            (_window, _allowance, _usedSeen) = (window, 0, 0);
        }

        if (_allowance >= permitCount)
        {
            _allowance -= permitCount;
            return Admitted;
        }

        return _usedSeen >= _limit ? Refused() : null;
    }

    private Decision Refused() => new(false, PermitLease.UntilWindowEnds(_clock.GetUtcNow()));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
            _leasing.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Decision(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name ? wait : null;
            return metadata is not null;
        }
    }
}
