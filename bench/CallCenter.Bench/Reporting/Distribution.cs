using System.Globalization;

namespace CallCenter.Bench.Reporting;

/// <summary>Percentiles of a set of durations in milliseconds, by sorting: exact, and cheap enough for ten million samples.</summary>
public sealed class Distribution
{
    private readonly float[] _sorted;

    public Distribution(float[] samples)
    {
        _sorted = samples;
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    public double Percentile(double percent) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Percentile(50),8:F2}  p99 {Percentile(99),8:F2}  p99.9 {Percentile(99.9),8:F2}  max {Max,8:F2} ms  (n={Count:N0})");
}
