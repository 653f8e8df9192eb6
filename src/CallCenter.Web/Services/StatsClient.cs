using System.Globalization;
using static CallCenter.Web.Services.ApiHttp;

namespace CallCenter.Web.Services;

/// <summary>Service level and the standard KPIs: live, by interval, as CSV, and what each measure means; SLA compliance.</summary>
public sealed class StatsClient(HttpClient http)
{
    public Task<StatsNow> NowAsync(string? department, CancellationToken cancellationToken) =>
        http.GetAsync<StatsNow>(WithQuery("/api/stats/now", ("department", department)), cancellationToken);

    /// <summary>The figures per interval of <c>[from, to)</c>, two instants.</summary>
    public Task<StatsReport> IntervalsAsync(DateTime from, DateTime to, string interval, string? department, CancellationToken cancellationToken) =>
        http.GetAsync<StatsReport>(
            WithQuery("/api/stats/intervals", ("from", Instant(from)), ("to", Instant(to)), ("interval", interval), ("department", department)), cancellationToken);

    public Task<StatsReport> ReportAsync(ReportQuery query, CancellationToken cancellationToken) =>
        http.GetAsync<StatsReport>(ReportPath(query, "json"), cancellationToken);

    public async Task<CsvFile> CsvAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var (content, fileName) = await http.GetFileAsync(ReportPath(query, "csv"), cancellationToken);
        return new CsvFile(content, fileName ?? "stats.csv");
    }

    /// <summary>SLA targets started in <c>[from, to)</c>, two instants, per policy, priority and kind.</summary>
    public Task<SlaCompliance> SlaComplianceAsync(DateTime from, DateTime to, string? department, CancellationToken cancellationToken) =>
        http.GetAsync<SlaCompliance>(
            WithQuery("/api/stats/sla-compliance", ("from", Instant(from)), ("to", Instant(to)), ("department", department)), cancellationToken);

    public Task<StatsDefinitions> DefinitionsAsync(CancellationToken cancellationToken) =>
        http.GetAsync<StatsDefinitions>("/api/stats/definitions", cancellationToken);

    /// <summary>Days of the center's calendar, without an offset, so the API reads them on its own clock; the last day is included.</summary>
    private static string ReportPath(ReportQuery query, string format) =>
        WithQuery(
            "/api/stats/intervals",
            ("from", Day(query.From)),
            ("to", Day(query.To < DateOnly.MaxValue ? query.To.AddDays(1) : query.To)),
            ("interval", query.Interval),
            ("department", query.Department),
            ("agent_id", string.Join(',', query.AgentIds)),
            ("format", format));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);
}
