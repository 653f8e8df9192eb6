using CallCenter.ApiService.Distribution;

namespace CallCenter.ApiService.Stats;

/// <summary>Time spent per activity and per break reason, summed in ticks so bucket totals add up exactly.</summary>
internal sealed class ActivityTime
{
    private readonly Dictionary<string, long> _byActivity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byBreakReason = new(StringComparer.Ordinal);

    public void Add(ActivitySpan span, TimeSpan time)
    {
        _byActivity[span.Activity] = _byActivity.GetValueOrDefault(span.Activity) + time.Ticks;
        if (span.Activity == AgentActivity.OnBreak)
        {
            var reason = span.BreakReason ?? AgentFigures.NoReason;
            _byBreakReason[reason] = _byBreakReason.GetValueOrDefault(reason) + time.Ticks;
        }
    }

    public double? Occupancy => Stats.Occupancy.Of(Sum(Stats.Occupancy.IsHandling), Sum(Stats.Occupancy.IsReady));

    public IReadOnlyDictionary<string, double> SecondsByActivity => InSeconds(_byActivity);

    public IReadOnlyDictionary<string, double> SecondsByBreakReason => InSeconds(_byBreakReason);

    private TimeSpan Sum(Func<string, bool> counts) =>
        TimeSpan.FromTicks(_byActivity.Where(entry => counts(entry.Key)).Sum(entry => entry.Value));

    private static SortedDictionary<string, double> InSeconds(Dictionary<string, long> ticks) =>
        new(ticks.ToDictionary(entry => entry.Key, entry => TimeSpan.FromTicks(entry.Value).TotalSeconds), StringComparer.Ordinal);
}
