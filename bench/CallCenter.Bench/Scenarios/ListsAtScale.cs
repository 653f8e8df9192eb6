using System.Globalization;
using CallCenter.Bench.Clients;
using CallCenter.Bench.Reporting;
using CallCenter.Bench.Target;
using Npgsql;

namespace CallCenter.Bench.Scenarios;

/// <summary>
/// Do the lists a floor reads all day stay fast as the data grows? Each list and search is timed on the fresh
/// AppHost's database (the baseline, same run), then again after <c>rows</c> tickets, ended calls and customers are
/// bulk-loaded as a year of a busy center would leave them. A list that answers from an index barely moves; one that
/// reads every row grows with the rows.
/// </summary>
public sealed class ListsAtScale(CallCenterTarget target, int rows, int seconds, int warmupSeconds)
{
    private const string Database = "callcenterdb";
    private const int Connections = 2;

    private static readonly (string Name, string Path)[] Probes =
    [
        ("GET /api/tickets?limit=50 (newest first)", "/api/tickets?limit=50"),
        ("GET /api/tickets?sort=sla_due&limit=50 (next deadline first)", "/api/tickets?sort=sla_due&limit=50"),
        ("GET /api/calls?status=ended&limit=50", "/api/calls?status=ended&limit=50"),
        ("GET /api/customers?limit=50", "/api/customers?limit=50"),
        ("GET /api/customers?search=customer 12345 (≤ 11 found)", "/api/customers?search=customer%2012345"),
        ("GET /api/customers?search=zqx (none found)", "/api/customers?search=zqx"),
    ];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (target.AppHost is not { } appHost)
        {
            Console.WriteLine("The lists scenario bulk-loads rows into the AppHost's database, so it runs only on an AppHost it starts itself: drop --api-url.");
            return 2;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Lists at scale: each list {warmupSeconds}s warm-up then {seconds}s measured, {Connections} connections through {target.Api.Address}, before and after {rows:N0} tickets, ended calls and customers."));
        Console.WriteLine($"At start: {MachineLoad.LoadAverage()}");
        var database = await appHost.ConnectionStringAsync(Database, cancellationToken);
        IReadOnlyList<(string Name, IReadOnlyList<int> Pids)> Groups() => ProcessGroups.Find(startedHere: true, []);

        Console.WriteLine("Baseline: the database as the AppHost made it.");
        var before = await MeasureAllAsync(Groups, cancellationToken);

        var loading = System.Diagnostics.Stopwatch.StartNew();
        await LoadAsync(database, rows, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Loaded {rows:N0} of each in {loading.Elapsed.TotalSeconds:F1}s ({MachineLoad.LoadAverage()})."));
        var after = await MeasureAllAsync(Groups, cancellationToken);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| List | Baseline req/s | Baseline p50 / p99 ms | At {rows:N0} rows req/s | At {rows:N0} p50 / p99 ms | p50 × |"));
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        for (var i = 0; i < Probes.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Probes[i].Name} | {before[i].RequestsPerSecond:N0} | {before[i].Latency.Percentile(50):F1} / {before[i].Latency.Percentile(99):F1} | {after[i].RequestsPerSecond:N0} | {after[i].Latency.Percentile(50):F1} / {after[i].Latency.Percentile(99):F1} | {after[i].Latency.Percentile(50) / before[i].Latency.Percentile(50):F1} |"));
        }

        Console.WriteLine($"At end: {MachineLoad.LoadAverage()}");
        return before.Concat(after).Any(figures => figures.FailureCount > 0) ? 1 : 0;
    }

    private async Task<List<LoadFigures>> MeasureAllAsync(Func<IReadOnlyList<(string Name, IReadOnlyList<int> Pids)>> groups, CancellationToken cancellationToken)
    {
        var all = new List<LoadFigures>();
        foreach (var (name, path) in Probes)
        {
            var load = ClosedLoad.RunAsync(target.Api, Connections, _ => new HttpRequestMessage(HttpMethod.Get, path),
                TimeSpan.FromSeconds(warmupSeconds), TimeSpan.FromSeconds(seconds), cancellationToken);
            await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(warmupSeconds), cancellationToken));
            var cpu = CpuWindow.Start(groups());
            var figures = await load;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {figures.RequestsPerSecond:N0} req/s; {figures.Latency.Summary()}"));
            Console.WriteLine($"    CPU (cores): {cpu.Stop()}");
            if (figures.FailureCount > 0)
            {
                Console.WriteLine($"    {figures.FailureText}");
            }

            all.Add(figures);
        }

        return all;
    }

    /// <summary>
    /// Rows as the API stores them, written by PostgreSQL itself: customers, their ended calls, and tickets 10,000 a
    /// day on days long past (ids and dates the API will not give again). Then vacuumed and analysed, as autovacuum
    /// leaves tables that grew over months.
    /// </summary>
    private static async Task LoadAsync(string database, int rows, CancellationToken cancellationToken)
    {
        await using var source = NpgsqlDataSource.Create(database);
        await using var batch = source.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            INSERT INTO customers (customer_id, name, phone_number)
            SELECT 'CUST-' || (1000000 + g), 'Bulk customer ' || g, '+9665' || lpad(g::text, 8, '0')
            FROM generate_series(1, $1) AS g
            """) { Parameters = { new() { Value = rows } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            INSERT INTO calls (call_id, customer_id, customer_name, phone_number, status, department, started_at, answered_at, ended_at, duration, updated_at)
            SELECT 'CALL-Z' || lpad(to_hex(g), 7, '0'), 'CUST-' || (1000000 + g), 'Bulk customer ' || g, '+9665' || lpad(g::text, 8, '0'),
                   'ended', 'support', at, at + interval '20 seconds', at + interval '200 seconds', 180, at + interval '200 seconds'
            FROM generate_series(1, $1) AS g, LATERAL (SELECT timestamptz '2020-01-01' + g * interval '90 seconds' AS at) AS t
            """) { Parameters = { new() { Value = rows } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            INSERT INTO tickets (ticket_id, customer_id, customer_name, subject, priority, status, department, created_at, updated_at)
            SELECT 'TKT-' || to_char(date '2020-01-01' + (g - 1) / 10000, 'YYYYMMDD') || '-' || lpad(n::text, greatest(4, length(n::text)), '0'),
                   'CUST-' || (1000000 + g), 'Bulk customer ' || g, 'Bulk ticket ' || g, 'medium', 'closed', 'support', at, at
            FROM generate_series(1, $1) AS g,
                 LATERAL (SELECT (g - 1) % 10000 + 1 AS n,
                                 (date '2020-01-01' + (g - 1) / 10000)::timestamptz + ((g - 1) % 10000) * interval '8 seconds' AS at) AS t
            """) { Parameters = { new() { Value = rows } } });
        batch.Timeout = 600;
        await batch.ExecuteNonQueryAsync(cancellationToken);
        // Each on its own (VACUUM runs outside a transaction), so autovacuum does not do it while lists are timed.
        foreach (var table in new[] { "customers", "calls", "tickets" })
        {
            await using var vacuum = source.CreateCommand($"VACUUM (ANALYZE) {table}");
            vacuum.CommandTimeout = 600;
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
