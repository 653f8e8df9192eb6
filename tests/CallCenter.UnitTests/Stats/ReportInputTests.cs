using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService;
using CallCenter.ApiService.Stats;
using CsCheck;
using static CallCenter.UnitTests.Stats.StatsGen;

namespace CallCenter.UnitTests.Stats;

/// <summary>What a report request says: instants with or without an offset, the format asked for, the time zone setting.</summary>
public sealed class ReportInputTests
{
    [Fact]
    public void AnInstantWithoutAnOffsetIsTheCentersWallClock()
    {
        Assert.Equal(new DateTime(2026, 2, 28, 21, 0, 0, DateTimeKind.Utc), Riyadh.Instant("2026-03-01", "from"));
        Assert.Equal(new DateTime(2026, 3, 1, 5, 0, 0, DateTimeKind.Utc), Riyadh.Instant("2026-03-01T08:00:00", "from"));
    }

    [Fact]
    public void AnInstantWithAnOffsetIsThatInstantWhateverTheCentersZone()
    {
        var instant = new DateTime(2026, 3, 1, 5, 0, 0, DateTimeKind.Utc);
        Assert.Equal(instant, Berlin.Instant("2026-03-01T05:00:00Z", "to"));
        Assert.Equal(instant, Berlin.Instant("2026-03-01T08:00:00+03:00", "to"));
        Assert.Equal(DateTimeKind.Utc, Berlin.Instant("2026-03-01T08:00:00+03:00", "to").Kind);
    }

    [Fact]
    public void AnyUtcInstantWrittenInIsoComesBackExactly() =>
        Gen.DateTime[new DateTime(1900, 1, 1), new DateTime(2200, 1, 1)]
            .Select(time => DateTime.SpecifyKind(time, DateTimeKind.Utc))
            .Sample(time => Riyadh.Instant(time.ToString("O", System.Globalization.CultureInfo.InvariantCulture), "from") == time);

    [Theory]
    [InlineData(null, "is required")]
    [InlineData(" ", "is required")]
    [InlineData("yesterday", "not an ISO 8601")]
    [InlineData("2026-03-29T02:30:00", "the clocks skip it")]
    public void AnInstantThatIsNoneIsRefusedNamingTheField(string? text, string reason)
    {
        var refused = Assert.Throws<StatsRuleException>(() => Berlin.Instant(text, "from"));
        Assert.Equal("from", refused.Field);
        Assert.Contains(reason, refused.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv", "", true)]
    [InlineData("json", "text/csv", false)]
    [InlineData(null, "text/csv", true)]
    [InlineData(null, "application/json, text/csv;q=0.5", true)]
    [InlineData(null, "application/json", false)]
    [InlineData(null, "", false)]
    public void CsvIsWhatTheFormatOrElseTheAcceptHeaderAsksFor(string? format, string accept, bool csv) =>
        Assert.Equal(csv, StatsCsv.IsWanted(format, accept.Length == 0 ? default : new(accept)));

    [Fact]
    public void AnotherFormatIsRefused() =>
        Assert.Equal("format", Assert.Throws<StatsRuleException>(() => StatsCsv.IsWanted("xml", default)).Field);

    [Fact]
    public void TheCsvHasAHeaderAndOneRowPerIntervalWithEmptyCellsForUndefinedFigures()
    {
        var windows = new IntervalGrid(Riyadh).Buckets(new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), new(2026, 3, 1, 1, 0, 0, DateTimeKind.Utc), StatsInterval.QuarterHour);
        var figures = new KpiCalculator(new StatsOptions()).Figures(FloorHistory.Empty, windows, "sales", new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc));
        var report = new StatsReport("sales", "Asia/Riyadh", "15m", windows[0].Start, windows[^1].End, figures, []);
        var lines = System.Text.Encoding.UTF8.GetString(StatsCsv.Of(report)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        var header = lines[0].Split(',');
        var first = lines[1].Split(',');
        Assert.Equal(header.Length, first.Length);
        Assert.Equal("2026-03-01T00:00:00Z", first[Array.IndexOf(header, "start")]);
        Assert.Equal("0", first[Array.IndexOf(header, "offered")]);
        Assert.Equal("", first[Array.IndexOf(header, "service_level")]);
        Assert.Equal("0.8", first[Array.IndexOf(header, "service_level_target")]);
        Assert.Equal("0", first[Array.IndexOf(header, "agents_available")]);
    }

    [Fact]
    public void EveryStoredVisitOutcomeReadsBackAndAnUnknownOneIsRefused()
    {
        Assert.Equal(
            [VisitOutcome.Waiting, VisitOutcome.Answered, VisitOutcome.Abandoned, VisitOutcome.TransferredOut],
            new[] { QueueVisits.Waiting, QueueVisits.Answered, QueueVisits.Abandoned, QueueVisits.TransferredOut }.Select(QueueVisits.OutcomeOf));
        Assert.Throws<StatsRuleException>(() => QueueVisits.OutcomeOf("lost"));
    }

    [Theory]
    [InlineData("Asia/Riyadh", true)]
    [InlineData("UTC", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    public void TheCentersTimeZoneMustBeOneTheMachineKnows(string zone, bool valid)
    {
        var options = new CallCenterOptions { Departments = ["support"], TimeZone = zone };
        var results = new List<ValidationResult>();
        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.All(results, result => Assert.Contains("CallCenter:TimeZone 'Mars/Olympus_Mons'", result.ErrorMessage, StringComparison.Ordinal));
    }
}
