using System.Globalization;
using CallCenter.Web.Stats;

namespace CallCenter.UnitTests.Web;

/// <summary>Figures in the reader's language: Arabic gets its own digits and separators; a missing figure is a dash.</summary>
public sealed class StatsTextTests
{
    private static readonly TimeZoneInfo Riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");

    private static readonly StatsText English = new(new CultureInfo("en"), Riyadh);

    private static readonly StatsText Arabic = new(new CultureInfo("ar"), Riyadh);

    [Fact]
    public void EnglishWritesPercentagesDurationsAndCountsWithLatinDigits()
    {
        Assert.Equal("85.3%", English.Percent(0.853));
        Assert.Equal("80%", English.WholePercent(0.8));
        Assert.Equal("0:07", English.Duration(6.6));
        Assert.Equal("4:12", English.Duration(252));
        Assert.Equal("1:02:03", English.Duration(3723));
        Assert.Equal("1,234", English.Count(1234));
    }

    [Fact]
    public void ArabicWritesTheSameFiguresInArabicIndicDigits()
    {
        Assert.Equal("٤:١٢", Arabic.Duration(252));
        Assert.Equal("٨", Arabic.Count(8));
        Assert.StartsWith("٨٥", Arabic.Percent(0.853), StringComparison.Ordinal);
        Assert.DoesNotContain(Arabic.Percent(0.853), character => character is >= '0' and <= '9');
        Assert.Equal("٠٩:٣٠", Arabic.Time(new DateTime(2026, 12, 2, 6, 30, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void NothingToDivideByShowsADash()
    {
        Assert.Equal(StatsText.Nothing, English.Percent(null));
        Assert.Equal(StatsText.Nothing, Arabic.Duration(null));
    }

    [Fact]
    public void TimesAndDaysAreTheCentersWallClock()
    {
        // 21:00 UTC is midnight in Riyadh: the next day there.
        var midnight = new DateTime(2026, 12, 1, 21, 0, 0, DateTimeKind.Utc);
        Assert.Equal("00:00", English.Time(midnight));
        Assert.Equal("12/2/2026 00:00", English.IntervalStart(midnight, wholeDay: false));
        Assert.Equal("12/2/2026", English.IntervalStart(midnight, wholeDay: true));
        Assert.Contains("٢٠٢٦", Arabic.Day(midnight), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownZoneReadsAsUtc() => Assert.Equal(TimeZoneInfo.Utc, StatsText.For("Nowhere/Atlantis").Zone);
}
