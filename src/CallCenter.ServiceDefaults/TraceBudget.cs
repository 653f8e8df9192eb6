namespace Microsoft.Extensions.Hosting;

/// <summary>
/// How many new traces a service may start: a token bucket refilled at <c>perSecond</c> a second (to a thousandth of a
/// trace), holding at most one second's worth, so a quiet service keeps every trace and a busy one keeps a steady
/// number a second.
/// </summary>
/// <remarks>
/// Counted exactly, as the time the next trace is due (the generic cell rate algorithm: the same bucket, counted in
/// time) in integer units of one clock tick per thousandth of the rate. Tokens in floating point summed refills such as
/// 0.04 + 0.96 to just under one and refused a trace that was due. Thread-safe: root spans start on any thread; one
/// short lock per root span.
/// </remarks>
public sealed class TraceBudget
{
    private const long Thousandths = 1_000;

    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly long _started;

    /// <summary>The rate in thousandths of a trace a second: one unit of time below is a clock tick divided by it.</summary>
    private readonly long _rate;

    /// <summary>The time between two traces at the rate.</summary>
    private readonly Int128 _interval;

    /// <summary>How far ahead of now the next trace may be due and still be kept: the bucket's size, less one, in time.</summary>
    private readonly Int128 _burst;

    private Int128 _due;

    public TraceBudget(double perSecond, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _clock = clock;
        _started = clock.GetTimestamp();
        _rate = Math.Max(1, (long)Math.Round(perSecond * Thousandths));
        _interval = (Int128)Thousandths * clock.TimestampFrequency;
        _burst = (Int128)(Math.Max(Thousandths, _rate) - Thousandths) * clock.TimestampFrequency;
    }

    /// <summary>True if one more trace fits, taking it from the budget.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            var now = (Int128)(_clock.GetTimestamp() - _started) * _rate;
            var due = _due > now ? _due : now;
            if (due - now > _burst)
            {
                return false;
            }

            _due = due + _interval;
            return true;
        }
    }
}
