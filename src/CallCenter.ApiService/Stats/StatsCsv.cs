using System.Globalization;
using System.Text;
using CallCenter.ApiService.Distribution;
using Microsoft.Extensions.Primitives;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// A report as CSV for spreadsheets: a header row, then one row per interval — or, when agents were asked for, one
/// row per agent and interval. Numbers and times are culture-invariant (ISO 8601, UTC); an undefined figure is empty.
/// </summary>
public static class StatsCsv
{
    public const string ContentType = "text/csv";

    private static readonly (string Name, Func<KpiFigures, object?> Value)[] IntervalColumns =
    [
        ("start", row => row.Window.Start),
        ("end", row => row.Window.End),
        ("offered", row => row.Offered),
        ("answered", row => row.Answered),
        ("answered_within_threshold", row => row.AnsweredWithinThreshold),
        ("abandoned", row => row.Abandoned),
        ("short_abandoned", row => row.ShortAbandoned),
        ("transfers_in", row => row.TransfersIn),
        ("transferred_out", row => row.TransferredOut),
        ("callbacks", row => row.Callbacks),
        ("service_level", row => row.ServiceLevel),
        ("service_level_target", row => row.ServiceLevelTarget),
        ("service_level_seconds", row => row.ServiceLevelSeconds),
        ("asa_seconds", row => row.AsaSeconds),
        ("handled", row => row.Handled),
        ("aht_seconds", row => row.AhtSeconds),
        ("abandon_rate", row => row.AbandonRate),
        ("occupancy", row => row.Occupancy),
        ("calls_waiting", row => row.CallsWaiting),
        ("longest_wait_seconds", row => row.LongestWaitSeconds),
        .. AgentActivity.All.Select(activity => ($"agents_{activity}", (Func<KpiFigures, object?>)(row => row.AgentsByActivity.GetValueOrDefault(activity)))),
    ];

    /// <summary>True when the client asked for CSV, by <c>format</c> or, with no format, by its Accept header.</summary>
    public static bool IsWanted(string? format, StringValues accept) => format switch
    {
        "csv" => true,
        "json" => false,
        null => accept.Any(value => value?.Contains(ContentType, StringComparison.OrdinalIgnoreCase) == true),
        _ => throw new StatsRuleException("format", "must be json or csv."),
    };

    public static string FileName(StatsReport report) =>
        $"stats-{report.Department ?? "center"}-{report.Interval}-{report.From:yyyyMMdd'T'HHmm'Z'}.csv";

    public static byte[] Of(StatsReport report) =>
        Encoding.UTF8.GetBytes(report.Agents.Count == 0 ? Intervals(report.Intervals) : Agents(report.Agents));

    private static string Intervals(IReadOnlyList<KpiFigures> rows)
    {
        var csv = new StringBuilder();
        Line(csv, IntervalColumns.Select(column => column.Name));
        foreach (var row in rows)
        {
            Line(csv, IntervalColumns.Select(column => Cell(column.Value(row))));
        }

        return csv.ToString();
    }

    /// <summary>Break reasons are whatever the floor allows, so their columns are the ones the report holds.</summary>
    private static string Agents(IReadOnlyList<AgentFigures> rows)
    {
        var reasons = rows.SelectMany(row => row.SecondsByBreakReason.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var csv = new StringBuilder();
        Line(csv, [
            "start", "end", "agent_id", "handled", "aht_seconds", "occupancy",
            .. AgentActivity.All.Select(activity => $"seconds_{activity}"),
            .. reasons.Select(reason => Quoted($"break_seconds_{reason}"))]);
        foreach (var row in rows)
        {
            Line(csv, [
                Cell(row.Window.Start), Cell(row.Window.End), Cell(row.AgentId), Cell(row.Handled), Cell(row.AhtSeconds), Cell(row.Occupancy),
                .. AgentActivity.All.Select(activity => Cell(row.SecondsByActivity.GetValueOrDefault(activity))),
                .. reasons.Select(reason => Cell(row.SecondsByBreakReason.GetValueOrDefault(reason)))]);
        }

        return csv.ToString();
    }

    private static void Line(StringBuilder csv, IEnumerable<string> cells) => csv.Append(string.Join(',', cells)).Append("\r\n");

    private static string Cell(object? value) => value switch
    {
        null => "",
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => Quoted(value.ToString() ?? ""),
    };

    /// <summary>RFC 4180: a cell holding a comma, quote or line break is quoted, its quotes doubled.</summary>
    private static string Quoted(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
