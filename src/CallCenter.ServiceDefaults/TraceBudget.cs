namespace Microsoft.Extensions.Hosting;

/// <summary>
/// How many new traces a service may start: a token bucket refilled at <c>perSecond</c> a second, holding at most one
/// second's worth, so a quiet service keeps every trace and a busy one keeps a steady number a second.
/// </summary>
/// <remarks>Thread-safe: root spans start on any thread; one short lock per root span.</remarks>
public sealed class TraceBudget
{
    private readonly Lock _gate = new();
    private readonly double _perSecond;
    private readonly double _capacity;
    private readonly TimeProvider _clock;
    private double _tokens;
    private long _refilledAt;

    public TraceBudget(double perSecond, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _perSecond = perSecond;
        _capacity = Math.Max(1, perSecond);
        _clock = clock;
        _tokens = _capacity;
        _refilledAt = clock.GetTimestamp();
    }

    /// <summary>True if one more trace fits, taking it from the budget.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + (_clock.GetElapsedTime(_refilledAt, now).TotalSeconds * _perSecond));
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
