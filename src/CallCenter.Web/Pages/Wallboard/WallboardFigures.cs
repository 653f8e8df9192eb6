using CallCenter.Web.Services;
using CallCenter.Web.Stats;

namespace CallCenter.Web.Pages.Wallboard;

/// <summary>What the wallboard's KPI tiles and chart show for one department (or the whole center), ready to write out.</summary>
public sealed record WallboardFigures(StatsNow Now, IReadOnlyList<KpiFigures> Intervals, StatsDefinitions Definitions, StatsText Text, bool RightToLeft)
{
    /// <summary>How many hours of 15-minute intervals the chart covers, ending with the one under way.</summary>
    public const int ChartHours = 4;

    public ServiceLevelStanding Standing => ServiceLevelStandings.Of(Now.Today.ServiceLevel, Now.Today.ServiceLevelTarget);

    public ChartGeometry Chart => IntervalChart.Of(
        [.. Intervals.Select(interval => new ChartInterval(interval.Window.Start, interval.Offered, interval.Answered, interval.Abandoned, interval.ServiceLevel))],
        Now.Today.ServiceLevelTarget,
        RightToLeft);

    /// <summary>Since when the call waiting longest has waited, so the page can keep its wait ticking between updates.</summary>
    public DateTime? LongestWaitingSince => Now.Today.LongestWaitSeconds is { } seconds ? Now.Now.AddSeconds(-seconds) : null;

    public static async Task<WallboardFigures> LoadAsync(StatsClient stats, string? department, CancellationToken cancellationToken)
    {
        var now = await stats.NowAsync(department, cancellationToken);
        var intervals = stats.IntervalsAsync(now.Now.AddHours(-ChartHours), now.Now, StatsIntervals.QuarterHour, department, cancellationToken);
        var definitions = stats.DefinitionsAsync(cancellationToken);
        await Task.WhenAll(intervals, definitions);
        var text = StatsText.For(now.TimeZone);
        return new WallboardFigures(now, (await intervals).Intervals, await definitions, text, text.Culture.TextInfo.IsRightToLeft);
    }
}
