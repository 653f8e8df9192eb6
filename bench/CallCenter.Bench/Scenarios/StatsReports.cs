using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CallCenter.Bench.Floor;
using CallCenter.Bench.Reporting;
using CallCenter.Bench.Target;
using Npgsql;

namespace CallCenter.Bench.Scenarios;

/// <summary>
/// Issue 13's performance: a month of a busy floor (a million calls by default) is bulk-loaded as the API would have
/// stored it, then the interval reports and the live figures are timed, each beside a baseline from the same run (an
/// endpoint that reads no database; a bare count over the same month's queue visits). Then <see cref="LiveFloorLoad"/>
/// drives floor events at a steady rate and reads what the API replicas' CPU costs.
/// </summary>
public sealed class StatsReports(CallCenterTarget target, int calls, int days, double eventsPerSecond, int liveSeconds, int seed)
{
    public const string TimeZone = "Asia/Riyadh";

    /// <summary>
    /// The center's clock, and every department served by hand, so the live load's assignments are the bench's own
    /// (the bulk-loaded month was simulated as the automatic ACD would have served it).
    /// </summary>
    public static IReadOnlyList<string> AppHostSettings =>
        [$"--CallCenter:TimeZone={TimeZone}", .. FloorSimulation.Departments.Select(d => $"--Acd:Departments:{d.Name}:Mode=manual")];

    private const double TargetMs = 500;
    private const int WarmRounds = 5;

    /// <summary>One warm round only for a request whose cold one took this long, none past the second, so the scenario stays within minutes.</summary>
    private static readonly TimeSpan SlowReport = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan TooSlowToRepeat = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);

    private sealed record Probe(string Name, Func<CancellationToken, Task<(int Status, long Bytes)>> Run)
    {
        /// <summary>The body of the last answer, for a request whose figures are checked.</summary>
        public byte[]? Body { get; set; }

        public List<double> Milliseconds { get; } = [];

        public int Status { get; set; }

        public long Bytes { get; set; }
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (target.AppHost is not { } appHost)
        {
            Console.WriteLine("The stats scenario bulk-loads a month into the AppHost's database, so it runs only on an AppHost it starts itself: drop --api-url.");
            return 2;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Stats: {calls:N0} calls over {days} days (center time zone {TimeZone}), then report latency, then {eventsPerSecond:F0} floor events/s for {liveSeconds}s; seed {seed}."));
        Console.WriteLine($"At start: {MachineLoad.LoadAverage()}");
        var database = await appHost.ConnectionStringAsync("callcenterdb", cancellationToken);
        var end = DateTime.UtcNow;
        end = end.AddTicks(-(end.Ticks % TimeSpan.TicksPerSecond));

        var clock = Stopwatch.StartNew();
        var history = FloorSimulation.Generate(calls, days, end, zone, seed);
        Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:F1}s.");
        PrintHistory(history, zone);
        Console.WriteLine($"Loading with binary COPY... ({MachineLoad.LoadAverage()})");
        var load = await FloorLoader.LoadAsync(database, history, cancellationToken);
        PrintLoad(load);

        using var http = target.Api.CreateClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan }, RequestTimeout);
        var from = history.Start;
        var to = DateTime.UtcNow;
        await RebuildAsync(http, from, to, cancellationToken);
        var probes = await MeasureReportsAsync(http, database, history, from, to, cancellationToken);

        var live = await new LiveFloorLoad(target, appHost, history, load.AgentIds, eventsPerSecond, liveSeconds).RunAsync(cancellationToken);
        Console.WriteLine($"At end: {MachineLoad.LoadAverage()}");
        return probes.Any(p => p.Status is < 200 or > 299) || !live ? 1 : 0;
    }

    private static void PrintHistory(FloorHistory history, TimeZoneInfo zone)
    {
        var local = (DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var spans = history.Spans;
        var visits = history.Visits;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Floor: {history.Start:yyyy-MM-dd HH:mm}Z … {history.End:yyyy-MM-dd HH:mm}Z ({local(history.Start)} … {local(history.End)} {zone.Id}); "
            + $"calls arrive until an hour before now, every one is over by now."));
        Console.WriteLine("| Department | Share | Mean talk s | Agents | Calls offered | Answered | Abandoned (short) | Callbacks | Transfers in | Transferred out |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (var d = 0; d < history.Departments.Count; d++)
        {
            var department = history.Departments[d];
            var mine = visits.Where(v => v.Department == d).ToList();
            var offered = mine.Where(v => !v.TransferIn).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {department.Name} | {department.Share:P0} | {department.TalkSeconds:F0} | {history.Agents.Count(a => a.Department == d)} | {offered.Count:N0} | "
                + $"{offered.Count(v => v.Outcome == "answered"):N0} | {offered.Count(v => v.Outcome == "abandoned"):N0} "
                + $"({offered.Count(v => v.Outcome == "abandoned" && v.Left - v.Entered < TimeSpan.FromSeconds(5)):N0}) | {mine.Count(v => v.Callback):N0} | "
                + $"{mine.Count(v => v.TransferIn):N0} | {mine.Count(v => v.Outcome == "transferred_out"):N0} |"));
        }

        var answered = visits.Where(v => v.Outcome == "answered" && !v.TransferIn).ToList();
        var withinT = answered.Count(v => v.Left - v.Entered <= TimeSpan.FromSeconds(20));
        var abandoned = visits.Count(v => v.Outcome == "abandoned" && !v.TransferIn && v.Left - v.Entered >= TimeSpan.FromSeconds(5));
        var talk = spans.Where(s => s.Activity == "on_call" && s.End is not null).Select(s => (s.End!.Value - s.Start).TotalSeconds).DefaultIfEmpty().Average();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Whole month: service level {(double)withinT / (answered.Count + abandoned):P1} (T 20 s), ASA {answered.Select(v => (v.Left - v.Entered).TotalSeconds).DefaultIfEmpty().Average():F1} s, "
            + $"mean talk {talk:F0} s + wrap-up {FloorSimulation.WrapUp.TotalSeconds:F0} s; {history.Agents.Count} agents worked {history.Shifts:N0} shifts of 8.5 h."));
        var now = spans.Where(s => s.End is null).GroupBy(s => s.Activity).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        Console.WriteLine($"Agents now: {string.Join(", ", now)}.");
        var late = spans.Count(s => s.End > history.End) + visits.Count(v => v.Left > history.End);
        if (late > 0)
        {
            Console.WriteLine($"WARNING: {late} rows end after now.");
        }
    }

    private static void PrintLoad(FloorLoad load)
    {
        Console.WriteLine("| Table | Rows | COPY s | Rows/s |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (var table in load.Tables)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table.Table} | {table.Rows:N0} | {table.Seconds:F1} | {table.Rows / Math.Max(table.Seconds, 0.001):N0} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loaded {load.Tables.Sum(t => t.Rows):N0} rows in {load.TotalSeconds:F1}s: indexes dropped {load.DropIndexSeconds:F1}s, COPY {load.Tables.Sum(t => t.Seconds):F1}s, "
            + $"indexes built again {load.IndexSeconds:F1}s, VACUUM ANALYZE {load.VacuumSeconds:F1}s; foreign keys {(load.ForeignKeysChecked ? "checked row by row" : "not checked during the COPY (session_replication_role = replica)")}."));
    }

    /// <summary>
    /// Rows written by COPY bypass whatever the API keeps up to date as events happen, so a pre-aggregated store has to
    /// be rebuilt over the loaded range, as an admin would after restoring history. A 404 means the API has no such
    /// endpoint (then every report is computed from the raw history, which is what is measured).
    /// </summary>
    private static async Task RebuildAsync(HttpClient http, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync($"/api/stats/rebuild?from={Iso(from)}&to={Iso(to)}", content: null, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Console.WriteLine(response.StatusCode == HttpStatusCode.NotFound
            ? "POST /api/stats/rebuild: 404, no rebuild endpoint in this API: the reports below are computed from the raw history."
            : string.Create(CultureInfo.InvariantCulture,
                $"POST /api/stats/rebuild over the month: HTTP {(int)response.StatusCode} in {clock.Elapsed.TotalSeconds:F1}s: {Shorten(body)}"));
    }

    private async Task<List<Probe>> MeasureReportsAsync(
        HttpClient http, string database, FloorHistory history, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var range = $"from={Iso(from)}&to={Iso(to)}";
        await using var sql = new NpgsqlConnection(database);
        await sql.OpenAsync(cancellationToken);
        var department = history.Departments[0].Name;
        Probe Get(string name, string path)
        {
            Probe probe = null!;
            probe = new(name, async token =>
            {
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, token);
                probe.Body = await response.Content.ReadAsByteArrayAsync(token);
                return ((int)response.StatusCode, probe.Body.LongLength);
            });
            return probe;
        }

        List<Probe> probes =
        [
            Get("baseline: GET /api/departments (no database)", "/api/departments"),
            new("baseline: SQL count(*) of the month's queue_visits, from the bench", async token =>
            {
                await using var command = new NpgsqlCommand("SELECT count(*) FROM queue_visits WHERE entered_at >= @from AND entered_at < @to", sql);
                command.Parameters.AddWithValue("from", from);
                command.Parameters.AddWithValue("to", to);
                var count = (long)(await command.ExecuteScalarAsync(token))!;
                return (200, count);
            }),
            Get($"GET /api/stats/intervals {days} days, 15m, whole center", $"/api/stats/intervals?{range}&interval=15m"),
            Get($"GET /api/stats/intervals {days} days, 15m, department={department}", $"/api/stats/intervals?{range}&interval=15m&department={department}"),
            Get($"GET /api/stats/intervals {days} days, 1d, whole center", $"/api/stats/intervals?{range}&interval=1d"),
            Get($"GET /api/stats/intervals {days} days, 15m, whole center, format=csv", $"/api/stats/intervals?{range}&interval=15m&format=csv"),
            Get("GET /api/stats/now, whole center", "/api/stats/now"),
            Get($"GET /api/stats/now?department={department}", $"/api/stats/now?department={department}"),
        ];

        Console.WriteLine($"Timing each request one at a time, the list in turn: a cold round, then up to {WarmRounds} warm rounds ({MachineLoad.LoadAverage()}).");
        for (var round = 0; round <= WarmRounds; round++)
        {
            foreach (var probe in probes.Where(p => round == 0 || p.Milliseconds[0] <= TooSlowToRepeat.TotalMilliseconds
                         && (round == 1 || p.Milliseconds[0] <= SlowReport.TotalMilliseconds)))
            {
                var clock = Stopwatch.StartNew();
                var (status, bytes) = await probe.Run(cancellationToken);
                probe.Milliseconds.Add(clock.Elapsed.TotalMilliseconds);
                if (round == 0 || status is < 200 or > 299)
                {
                    probe.Status = status;
                    probe.Bytes = bytes;
                }
            }
        }

        PrintReportCheck(probes[4], history);
        Console.WriteLine();
        Console.WriteLine($"== Stats reports, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {history.Calls.Count:N0} calls stored, {MachineLoad.LoadAverage()} ==");
        Console.WriteLine("| Request | HTTP | Bytes (rows for SQL) | Cold ms | Warm p50 ms | Warm max ms | Warm n |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var probe in probes)
        {
            var warm = new Distribution([.. probe.Milliseconds.Skip(1).Select(ms => (float)ms)]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {probe.Name} | {probe.Status} | {probe.Bytes:N0} | {probe.Milliseconds[0]:F1} | {(warm.Count == 0 ? "—" : $"{warm.Percentile(50):F1}")} | {(warm.Count == 0 ? "—" : $"{warm.Max:F1}")} | {warm.Count} |"));
        }

        var month = probes[2];
        var p50 = month.Milliseconds.Count > 1 ? new Distribution([.. month.Milliseconds.Skip(1).Select(ms => (float)ms)]).Percentile(50) : month.Milliseconds[0];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Target: {days} days at 15 minutes over {history.Calls.Count:N0} calls ≤ {TargetMs:F0} ms: {(month.Milliseconds.Count > 1 ? "warm p50" : "cold, not repeated,")} {p50:F0} ms, {(p50 <= TargetMs ? "MET" : "NOT MET")}."));
        return probes;
    }

    /// <summary>The API sees the loaded month: its daily report's offered and answered, summed, against what was generated.</summary>
    private static void PrintReportCheck(Probe daily, FloorHistory history)
    {
        if (daily.Status != 200 || daily.Body is null)
        {
            return;
        }

        using var report = JsonDocument.Parse(daily.Body);
        long Sum(string field) => report.RootElement.GetProperty("intervals").EnumerateArray()
            .Sum(interval => interval.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0);
        var offered = history.Visits.Where(v => !v.TransferIn).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Check: the API's daily report sums to offered {Sum("offered"):N0}, answered {Sum("answered"):N0}, abandoned {Sum("abandoned"):N0}; "
            + $"generated {offered.Count:N0}, {offered.Count(v => v.Outcome == "answered"):N0}, {offered.Count(v => v.Outcome == "abandoned"):N0}."));
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
