using CallCenter.Web.Stats;
using CsCheck;

namespace CallCenter.UnitTests.Web;

/// <summary>The wallboard chart's geometry: bars on a shared baseline scaled to a whole-number axis, a service level line broken at gaps, mirrored for Arabic.</summary>
public sealed class IntervalChartTests
{
    private static readonly DateTime Start = new(2026, 12, 2, 6, 0, 0, DateTimeKind.Utc);

    private static ChartInterval Interval(int index, int offered, int answered, int abandoned, double? serviceLevel) =>
        new(Start.AddMinutes(15 * index), offered, answered, abandoned, serviceLevel);

    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 4)]
    [InlineData(4, 4)]
    [InlineData(5, 8)]
    [InlineData(9, 20)]
    [InlineData(21, 40)]
    [InlineData(41, 80)]
    [InlineData(81, 200)]
    [InlineData(1500, 2000)]
    public void CountAxisTopsAtTheNextWholeStepOfFourTicks(int most, double top) =>
        Assert.Equal(top, IntervalChart.NiceCeiling(most));

    [Fact]
    public void BarsStandOnThePlotsBottomWithHeightsInProportion()
    {
        var chart = IntervalChart.Of([Interval(0, 8, 6, 2, 0.75), Interval(1, 4, 4, 0, 1)], 0.8, rightToLeft: false);

        Assert.Equal(6, chart.Bars.Count);
        Assert.All(chart.Bars, bar => Assert.Equal(chart.PlotBottom, bar.Y + bar.Height, 6));
        var plotHeight = chart.PlotBottom - chart.PlotTop;
        Assert.All(chart.Bars, bar => Assert.Equal(bar.Value / 8.0 * plotHeight, bar.Height, 6));
        Assert.Equal([IntervalChart.Offered, IntervalChart.Answered, IntervalChart.Abandoned], chart.Bars.Take(3).Select(bar => bar.Measure));
        Assert.True(chart.Bars[3].X > chart.Bars[2].X + chart.Bars[2].Width, "the second interval's bars come after the first's");
        Assert.Equal([0, 2, 4, 6, 8], chart.CountTicks.Select(tick => tick.Value));
    }

    [Fact]
    public void ServiceLevelLineBreaksWhereAnIntervalHasNone()
    {
        var chart = IntervalChart.Of(
            [Interval(0, 1, 1, 0, 1), Interval(1, 1, 0, 1, 0), Interval(2, 0, 0, 0, null), Interval(3, 2, 1, 1, 0.5)], 0.8, rightToLeft: false);

        Assert.Equal([2, 1], chart.ServiceLevelLines.Select(line => line.Count));
        Assert.Equal(chart.PlotTop, chart.ServiceLevelLines[0][0].Y, 6);
        Assert.Equal(chart.PlotBottom, chart.ServiceLevelLines[0][1].Y, 6);
        Assert.Equal((chart.PlotTop + chart.PlotBottom) / 2, chart.ServiceLevelLines[1][0].Y, 6);
        Assert.Equal(chart.PlotBottom - 0.8 * (chart.PlotBottom - chart.PlotTop), chart.TargetY, 6);
    }

    [Fact]
    public void AnEmptyChartHasAxesButNoBarsOrLine()
    {
        var chart = IntervalChart.Of([], 0.8, rightToLeft: false);

        Assert.Empty(chart.Bars);
        Assert.Empty(chart.ServiceLevelLines);
        Assert.Empty(chart.TimeLabels);
        Assert.Equal(4, chart.CountTicks[^1].Value);
    }

    [Fact]
    public void TimeLabelsAreThinnedToAtMostEight()
    {
        var chart = IntervalChart.Of([.. Enumerable.Range(0, 17).Select(index => Interval(index, 1, 1, 0, 1))], 0.8, rightToLeft: false);

        Assert.InRange(chart.TimeLabels.Count, 1, 8);
        Assert.Equal(Start, chart.TimeLabels[0].Start);
    }

    [Fact]
    public void RightToLeftMirrorsEveryPositionAcrossTheChart() =>
        Gen.Int[0, 40].Select(Gen.Int[0, 40], Gen.Int[0, 40], Gen.Double[0, 1], Gen.Bool).Array[1, 20].Sample(rows =>
        {
            var intervals = rows.Select((row, index) => Interval(index, row.Item1, row.Item2, row.Item3, row.Item5 ? row.Item4 : null)).ToList();
            var ltr = IntervalChart.Of(intervals, 0.8, rightToLeft: false);
            var rtl = IntervalChart.Of(intervals, 0.8, rightToLeft: true);

            Assert.All(ltr.Bars.Zip(rtl.Bars), pair =>
            {
                Assert.Equal(IntervalChart.Width - pair.First.X - pair.First.Width, pair.Second.X, 6);
                Assert.Equal(pair.First.Y, pair.Second.Y, 6);
            });
            Assert.Equal(
                ltr.ServiceLevelLines.SelectMany(line => line).Select(point => (Math.Round(IntervalChart.Width - point.X, 6), Math.Round(point.Y, 6))),
                rtl.ServiceLevelLines.SelectMany(line => line).Select(point => (Math.Round(point.X, 6), Math.Round(point.Y, 6))));
            Assert.All(rtl.Bars, bar => Assert.InRange(bar.X, rtl.PlotLeft - 1e-6, rtl.PlotRight - bar.Width + 1e-6));
        });

    [Theory]
    [InlineData(12.5, "12.5")]
    [InlineData(3.14159, "3.14")]
    [InlineData(40, "40")]
    public void SvgNumbersAreInvariantWhateverTheCulture(double value, string expected)
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ar");
        try
        {
            Assert.Equal(expected, IntervalChart.Number(value));
            Assert.Equal($"{expected},1 2,3", IntervalChart.Points([(value, 1), (2, 3)]));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
