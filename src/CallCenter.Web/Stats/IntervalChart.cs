namespace CallCenter.Web.Stats;

/// <summary>One interval's figures as the chart draws them.</summary>
public sealed record ChartInterval(DateTime Start, int Offered, int Answered, int Abandoned, double? ServiceLevel);

/// <summary>A bar of the chart: which measure of which interval, and its rectangle in the SVG's user units.</summary>
public sealed record ChartBar(string Measure, DateTime Start, double X, double Y, double Width, double Height, int Value);

/// <summary>A mark on an axis: its value and where it sits (y for a count or a share, x for a time).</summary>
public sealed record ChartTick(double Position, double Value);

/// <summary>A label under the time axis: the start of the interval it stands under.</summary>
public sealed record ChartTimeLabel(double X, DateTime Start);

/// <summary>
/// Everything the wallboard's SVG draws, in its user units (a <see cref="IntervalChart.Width"/> ×
/// <see cref="IntervalChart.Height"/> box): three bars per interval (offered, answered, abandoned) against a count
/// axis, and service level as a line against a 0–100 % axis, broken where an interval has no service level.
/// </summary>
public sealed record ChartGeometry(
    IReadOnlyList<ChartBar> Bars,
    IReadOnlyList<IReadOnlyList<(double X, double Y)>> ServiceLevelLines,
    double TargetY,
    IReadOnlyList<ChartTick> CountTicks,
    IReadOnlyList<ChartTick> ShareTicks,
    IReadOnlyList<ChartTimeLabel> TimeLabels,
    double PlotLeft,
    double PlotRight,
    double PlotTop,
    double PlotBottom);

/// <summary>
/// Turns intervals into chart geometry; pure, so the wallboard's SVG partial only writes out what this computes.
/// Right to left (Arabic) mirrors the time axis, so the latest interval is at the reading start's far end.
/// </summary>
public static class IntervalChart
{
    public const double Width = 640;
    public const double Height = 240;
    public const string Offered = "offered";
    public const string Answered = "answered";
    public const string Abandoned = "abandoned";

    private const double AxisRoom = 40;
    private const double Top = 12;
    private const double Bottom = 24;
    private const int CountTickCount = 4;
    private const int MostTimeLabels = 8;

    /// <summary>The share of an interval's slot its three bars fill together; the rest separates intervals.</summary>
    private const double BarsShare = 0.8;

    public static ChartGeometry Of(IReadOnlyList<ChartInterval> intervals, double target, bool rightToLeft)
    {
        var (left, right, top, bottom) = (AxisRoom, Width - AxisRoom, Top, Height - Bottom);
        var plotHeight = bottom - top;
        var slot = intervals.Count == 0 ? 0 : (right - left) / intervals.Count;
        var barWidth = slot * BarsShare / 3;
        var countMax = NiceCeiling(intervals.Select(interval => Math.Max(interval.Offered, Math.Max(interval.Answered, interval.Abandoned))).DefaultIfEmpty(0).Max());
        double X(double x, double width = 0) => rightToLeft ? Width - x - width : x;
        double CountY(double value) => bottom - value / countMax * plotHeight;
        double ShareY(double share) => bottom - Math.Clamp(share, 0, 1) * plotHeight;

        var bars = new List<ChartBar>();
        var lines = new List<IReadOnlyList<(double X, double Y)>>();
        List<(double X, double Y)>? line = null;
        for (var index = 0; index < intervals.Count; index++)
        {
            var interval = intervals[index];
            var slotStart = left + index * slot + slot * (1 - BarsShare) / 2;
            foreach (var (measure, value, position) in new[] { (Offered, interval.Offered, 0), (Answered, interval.Answered, 1), (Abandoned, interval.Abandoned, 2) })
            {
                var y = CountY(value);
                bars.Add(new ChartBar(measure, interval.Start, X(slotStart + position * barWidth, barWidth), y, barWidth, bottom - y, value));
            }

            if (interval.ServiceLevel is { } level)
            {
                line ??= [];
                line.Add((X(left + (index + 0.5) * slot), ShareY(level)));
            }
            else if (line is not null)
            {
                lines.Add(line);
                line = null;
            }
        }

        if (line is not null)
        {
            lines.Add(line);
        }

        var countTicks = Enumerable.Range(0, CountTickCount + 1)
            .Select(step => countMax * step / CountTickCount)
            .Select(value => new ChartTick(CountY(value), value)).ToList();
        var shareTicks = new[] { 0, 0.5, 1 }.Select(share => new ChartTick(ShareY(share), share)).ToList();
        var every = Math.Max(1, (int)Math.Ceiling(intervals.Count / (double)MostTimeLabels));
        var timeLabels = intervals.Select((interval, index) => (interval, index))
            .Where(pair => pair.index % every == 0)
            .Select(pair => new ChartTimeLabel(X(left + (pair.index + 0.5) * slot), pair.interval.Start)).ToList();
        return new ChartGeometry(bars, lines, ShareY(target), countTicks, shareTicks, timeLabels, left, right, top, bottom);
    }

    /// <summary>An SVG coordinate: culture-invariant, to two decimals at most (a comma would break the attribute).</summary>
    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A line's points as an SVG <c>points</c> attribute.</summary>
    public static string Points(IEnumerable<(double X, double Y)> points) =>
        string.Join(' ', points.Select(point => $"{Number(point.X)},{Number(point.Y)}"));

    /// <summary>
    /// The count axis' top: the smallest of 4, 8, 20, 40, 80, 200, … (a 1, 2 or 5 step times the 4 ticks) that
    /// reaches <paramref name="most"/>, so every tick is a whole number; 4 for an empty chart.
    /// </summary>
    public static double NiceCeiling(int most)
    {
        for (var magnitude = 1d; ; magnitude *= 10)
        {
            foreach (var step in new[] { 1, 2, 5 })
            {
                if (step * magnitude * CountTickCount >= most)
                {
                    return step * magnitude * CountTickCount;
                }
            }
        }
    }
}
