namespace CallCenter.ApiService.Webhooks;

/// <summary>
/// When a failed delivery is tried again: the configured delay for the number of failures so far (the last one
/// repeating), spread by up to a fifth either way so endpoints that failed together do not all retry together, and
/// never sooner than the receiver's <c>Retry-After</c> asked.
/// </summary>
public sealed class RetrySchedule(IReadOnlyList<TimeSpan> delays, TimeProvider clock, Random random)
{
    public const double Jitter = 0.2;

    public IReadOnlyList<TimeSpan> Delays { get; } = delays.Count > 0 ? delays : throw new ArgumentException("At least one delay is needed.", nameof(delays));

    /// <summary>The delay after the <paramref name="failures"/>th failed attempt on one event (1 for the first).</summary>
    public TimeSpan DelayAfter(int failures, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var planned = Delays[Math.Min(failures, Delays.Count) - 1];
        var jittered = planned * (1 + ((random.NextDouble() * 2) - 1) * Jitter);
        return retryAfter is { } asked && asked > jittered ? asked : jittered;
    }

    public DateTimeOffset NextAttemptAt(int failures, TimeSpan? retryAfter) => clock.GetUtcNow() + DelayAfter(failures, retryAfter);

    /// <summary>An endpoint failing since <paramref name="failingSince"/> is given up on after <paramref name="disableAfter"/>.</summary>
    public bool FailedTooLong(DateTimeOffset failingSince, TimeSpan disableAfter) => clock.GetUtcNow() - failingSince >= disableAfter;

    /// <summary>Reads <c>Retry-After</c> as seconds or as an HTTP date; anything else is no request.</summary>
    public TimeSpan? RetryAfter(System.Net.Http.Headers.RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero,
        _ => null,
    };
}
