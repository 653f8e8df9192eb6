using CallCenter.ApiService.Distribution;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// Time spent per activity and per break reason, summed in ticks so quarter-hour totals add up exactly to their hour
/// and day. Public and settable because stored quarters keep it as JSON.
/// </summary>
public sealed class ActivityTime
{
    public Dictionary<string, long> TicksByActivity { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> TicksByBreakReason { get; init; } = new(StringComparer.Ordinal);

    public void Add(ActivitySpan span, TimeSpan time)
    {
        TicksByActivity[span.Activity] = TicksByActivity.GetValueOrDefault(span.Activity) + time.Ticks;
        if (span.Activity == AgentActivity.OnBreak)
        {
            var reason = span.BreakReason ?? AgentFigures.NoReason;
            TicksByBreakReason[reason] = TicksByBreakReason.GetValueOrDefault(reason) + time.Ticks;
        }
    }

    /// <summary>Both together: two windows in a row, or two departments over one window.</summary>
    public ActivityTime Plus(ActivityTime other) => new()
    {
        TicksByActivity = Summed(TicksByActivity, other.TicksByActivity),
        TicksByBreakReason = Summed(TicksByBreakReason, other.TicksByBreakReason),
    };

    public double? Occupancy => Stats.Occupancy.Of(Sum(Stats.Occupancy.IsHandling), Sum(Stats.Occupancy.IsReady));

    public IReadOnlyDictionary<string, double> SecondsByActivity => InSeconds(TicksByActivity);

    public IReadOnlyDictionary<string, double> SecondsByBreakReason => InSeconds(TicksByBreakReason);

    internal static Dictionary<string, TValue> Summed<TValue>(Dictionary<string, TValue> first, Dictionary<string, TValue> second)
        where TValue : System.Numerics.INumber<TValue>
    {
        var sum = new Dictionary<string, TValue>(first, StringComparer.Ordinal);
        foreach (var (key, value) in second)
        {
            sum[key] = sum.GetValueOrDefault(key, TValue.Zero) + value;
        }

        return sum;
    }

    private TimeSpan Sum(Func<string, bool> counts) =>
        TimeSpan.FromTicks(TicksByActivity.Where(entry => counts(entry.Key)).Sum(entry => entry.Value));

    private static SortedDictionary<string, double> InSeconds(Dictionary<string, long> ticks) =>
        new(ticks.ToDictionary(entry => entry.Key, entry => TimeSpan.FromTicks(entry.Value).TotalSeconds), StringComparer.Ordinal);
}
