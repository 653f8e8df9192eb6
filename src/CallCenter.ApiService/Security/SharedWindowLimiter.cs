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
    private static readonly RateLimitLease NotYet = new Outcome(false, null);
    private static readonly RateLimitLease Admitted = new Outcome(true, null);

    /// <summary>
    /// A lease Redis does not answer within this is counted locally instead: requests queue behind one lease, and
    /// while Redis restarts the client holds commands for seconds (measured: answers 11–14 s late in the kills bench).
    /// 500 ms was too short for a loaded 2-core machine: slow answers there spilled a key's budget onto each replica.
    /// </summary>
    private static readonly TimeSpan LeaseTimeout = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan KeyLifetime = TimeSpan.FromMinutes(2);

    private readonly string _partition;
    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly FixedWindowRateLimiter _local;
    private readonly SemaphoreSlim _leasing = new(1, 1);
    private readonly Lock _gate = new();
    private readonly LeasedAllowance _allowance;
    private long _lastAsked;

    public SharedWindowLimiter(string partition, int permitsPerMinute, IConnectionMultiplexer redis, ILogger logger, TimeProvider clock)
    {
        _partition = partition;
        _redis = redis;
        _logger = logger;
        _clock = clock;
        _allowance = new LeasedAllowance(permitsPerMinute);
        _lastAsked = clock.GetTimestamp();
        _local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    /// <summary>
    /// Idle since the last request, and never while a lease is in flight. (The local window alone would say idle
    /// since creation while Redis is up, and the middleware drops a limiter idle for 10 s, with its leased permits.)
    /// </summary>
    public override TimeSpan? IdleDuration => _leasing.CurrentCount == 0 ? null : _clock.GetElapsedTime(Volatile.Read(ref _lastAsked));

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    /// <summary>Admits from the leased allowance; with none left, sends the middleware to <see cref="AcquireAsyncCore"/> for a lease.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Volatile.Write(ref _lastAsked, _clock.GetTimestamp());
        if (!_redis.IsConnected)
        {
            return _local.AttemptAcquire(permitCount);
        }

        RateLimitLease decided;
        bool runningLow;
        lock (_gate)
        {
            decided = Decide(permitCount) ?? NotYet;
            runningLow = decided.IsAcquired && _allowance.RunningLow;
        }

        if (runningLow && _leasing.Wait(0))
        {
            _ = LeaseAheadAsync();
        }

        return decided;
    }

    /// <summary>The next chunk, leased while requests are still admitted from memory; holds the one lease in flight.</summary>
    private async Task LeaseAheadAsync()
    {
        try
        {
            (long Window, int Asked) next;
            lock (_gate)
            {
                next = _allowance.NextLease(1);
            }

            await LeaseAsync(next.Window, next.Asked, CancellationToken.None);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Nothing waited on this one: the request that finds the allowance spent leases again, or counts locally.
            _logger.LogDebug(exception, "Leasing ahead from Redis failed");
        }
        finally
        {
            _leasing.Release();
        }
    }

    /// <summary>Adds a lease to the window's count in Redis; the allowance gets what was still under the limit.</summary>
    private async Task LeaseAsync(long window, int asked, CancellationToken cancellationToken)
    {
        var database = _redis.GetDatabase();
        var key = $"{_partition}:{window}";
        var usedAfter = await database.StringIncrementAsync(key, asked).WaitAsync(LeaseTimeout, cancellationToken);
        database.KeyExpire(key, KeyLifetime, CommandFlags.FireAndForget);
        lock (_gate)
        {
            _allowance.Leased(window, asked, usedAfter);
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
            // A lease made as the minute turns belongs to the window that ended: lease again for the new one.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                long window;
                int asked;
                lock (_gate)
                {
                    // Another request may have leased while this one waited.
                    if (Decide(permitCount) is { } decided)
                    {
                        return decided;
                    }

                    (window, asked) = _allowance.NextLease(permitCount);
                }

                try
                {
                    await LeaseAsync(window, asked, cancellationToken);
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    // A limiter must never turn a request into an error: count locally, as while Redis is away.
                    _logger.LogWarning(exception, "The shared rate limit could not be leased from Redis; counting on this replica");
                    return _local.AttemptAcquire(permitCount);
                }

                lock (_gate)
                {
                    if (Decide(permitCount) is { } decided)
                    {
                        return decided;
                    }
                }
            }

            return _local.AttemptAcquire(permitCount);
        }
        finally
        {
            _leasing.Release();
        }
    }

    /// <summary>Admitted, refused, or null when a lease is needed first.</summary>
    private RateLimitLease? Decide(int permitCount) => _allowance.Take(_clock.GetUtcNow(), permitCount) switch
    {
        LeasedAllowance.Decision.Admit => Admitted,
        LeasedAllowance.Decision.Refuse => new Outcome(false, PermitLease.UntilWindowEnds(_clock.GetUtcNow())),
        _ => null,
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Not the semaphore: a lease ahead may still release it, and it holds no wait handle to free.
            _local.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Outcome(bool acquired, TimeSpan? retryAfter) : RateLimitLease
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
