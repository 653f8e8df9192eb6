using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CallCenter.Bench.Clients;
using CallCenter.Bench.Reporting;
using CallCenter.Bench.Target;

namespace CallCenter.Bench.Scenarios;

/// <summary>
/// Issue 11's request rates: each API read and write under closed-loop load, each right after the same load on
/// a bare ASP.NET Core baseline started in the same run (a small JSON array; one durable one-row INSERT into the
/// same PostgreSQL), so the ratio holds whatever else the machine is doing at the time.
/// </summary>
public sealed class Throughput(CallCenterTarget target, int seconds, int warmupSeconds)
{
    private const int ReadConnections = 32;
    private const int WriteConnections = 8;
    private const int Tickets = 300;
    private const double ReadTargetPercent = 25;
    private const double WriteTargetPercent = 35;
    private const double ReadP99TargetMs = 20;
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The API's database, whose connection string the baseline gets (ResourceNames.Database in the AppHost).</summary>
    private const string Database = "callcenterdb";

    private sealed record Work(string Name, int Connections, ApiAccess Access, Func<long, HttpRequestMessage> Request);

    private sealed record Row(Work Measured, string Via, LoadFigures Figures, Work Baseline, LoadFigures BaselineFigures, double TargetPercent, double? P99TargetMs)
    {
        public double RatioPercent => 100 * Figures.RequestsPerSecond / BaselineFigures.RequestsPerSecond;

        public bool Met => RatioPercent >= TargetPercent && (P99TargetMs is not { } p99 || Figures.Latency.Percentile(99) <= p99);

        public string Target => P99TargetMs is { } p99 ? $"≥ {TargetPercent:F0} %, p99 ≤ {p99:F0} ms" : $"≥ {TargetPercent:F0} %";
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (target.AppHost is not { } appHost)
        {
            Console.WriteLine("The throughput scenario's baseline writes into the AppHost's database, so it runs only on an AppHost it starts itself: drop --api-url.");
            return 2;
        }

        Console.WriteLine($"Throughput: closed loops, {warmupSeconds}s warm-up then {seconds}s measured per row; reads at {ReadConnections} connections on one replica, writes at {WriteConnections} through the API's one address.");
        Console.WriteLine($"At start: {MachineLoad.LoadAverage()}");
        using var setup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        setup.CancelAfter(SetupTimeout);
        await using var baseline = await BaselineProcess.StartAsync(await appHost.ConnectionStringAsync(Database, setup.Token), setup.Token);
        var (first, replicaA) = await ReplicaConnection.OpenAsync(target.Api, _ => true, setup.Token);
        first.Dispose();
        var (second, replicaB) = await ReplicaConnection.OpenAsync(target.Api, replica => replica != replicaA, setup.Token);
        second.Dispose();
        var toA = target.Reach(replicaA, direct: true);
        var readVia = toA.Address == target.Api.Address ? "proxy" : "direct";
        var bare = new ApiAccess(baseline.Address, Key: null);
        Console.WriteLine($"Baseline: pid {baseline.Pid} at {baseline.Address}; reads on replica A {replicaA} at {toA.Address} ({readVia}); writes through {target.Api.Address} (proxy, both replicas).");
        // Found again for every window: PostgreSQL forks a backend for each connection the API or the baseline opens.
        IReadOnlyList<(string Name, IReadOnlyList<int> Pids)> Groups() =>
            [.. ProcessGroups.Find(startedHere: true, [("replica A", replicaA), ("replica B", replicaB)]), ("baseline", [baseline.Pid])];

        // The tickets first: the PATCHes spread over them, and GET /api/tickets?limit=50 then lists a full page.
        var ticketIds = await CreateTicketsAsync(setup.Token);
        Console.WriteLine($"Created {ticketIds.Count} tickets for the PATCHes.");

        var json = new Work("GET /json", ReadConnections, bare, _ => new HttpRequestMessage(HttpMethod.Get, "/json"));
        var insert = new Work("POST /insert", WriteConnections, bare, _ => new HttpRequestMessage(HttpMethod.Post, "/insert"));
        // Reads before writes: every POST /api/calls queues one more call, which GET /api/calls/queue would then list.
        (Work Work, string Via, Work Baseline, double Target, double? P99)[] plan =
        [
            (Read("GET /api/agents", toA, "/api/agents"), readVia, json, ReadTargetPercent, ReadP99TargetMs),
            (Read("GET /api/calls/queue", toA, "/api/calls/queue"), readVia, json, ReadTargetPercent, ReadP99TargetMs),
            (Read("GET /api/tickets?limit=50", toA, "/api/tickets?limit=50"), readVia, json, ReadTargetPercent, ReadP99TargetMs),
            (new Work("POST /api/calls (known caller)", WriteConnections, target.Api,
                _ => new HttpRequestMessage(HttpMethod.Post, CallPlacer.StartCallPath(0, "Throughput caller"))), "proxy", insert, WriteTargetPercent, null),
            (new Work($"PATCH /api/tickets/{{id}} ({Tickets} tickets)", WriteConnections, target.Api, n => Patch(ticketIds, n)), "proxy", insert, WriteTargetPercent, null),
        ];

        var rows = new List<Row>();
        foreach (var (work, via, yardstick, targetPercent, p99) in plan)
        {
            var baselineFigures = await MeasureAsync(yardstick, "direct", Groups, cancellationToken);
            var figures = await MeasureAsync(work, via, Groups, cancellationToken);
            rows.Add(new Row(work, via, figures, yardstick, baselineFigures, targetPercent, p99));
        }

        Console.WriteLine();
        Console.WriteLine($"== Throughput, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, PostgreSQL fsync on: {Environment.ProcessorCount} cores shared by the bench client, the baseline, both API replicas, PostgreSQL, Redis and DCP ==");
        Console.WriteLine("| Work | Connections | Via | req/s | p50 ms | p99 ms | Baseline | Baseline req/s | Ratio % | Target | Met |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Measured.Name} | {row.Measured.Connections} | {row.Via} | {row.Figures.RequestsPerSecond:N0} | {row.Figures.Latency.Percentile(50):F2} | {row.Figures.Latency.Percentile(99):F2} | {row.Baseline.Name} | {row.BaselineFigures.RequestsPerSecond:N0} | {row.RatioPercent:F1} | {row.Target} | {(row.Met ? "yes" : "no")} |"));
        }

        Console.WriteLine($"At end: {MachineLoad.LoadAverage()}");
        return rows.Any(r => r.Figures.FailureCount > 0 || r.BaselineFigures.FailureCount > 0) ? 1 : 0;
    }

    private static Work Read(string name, ApiAccess access, string path) =>
        new(name, ReadConnections, access, _ => new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>The n-th PATCH goes to ticket n mod count and flips its priority every round, so each one changes something.</summary>
    private static HttpRequestMessage Patch(IReadOnlyList<string> ticketIds, long n) =>
        new(HttpMethod.Patch, $"/api/tickets/{ticketIds[(int)(n % ticketIds.Count)]}")
        {
            Content = JsonContent.Create(new { priority = n / ticketIds.Count % 2 == 0 ? "high" : "low" }),
        };

    private async Task<LoadFigures> MeasureAsync(Work work, string via, Func<IReadOnlyList<(string Name, IReadOnlyList<int> Pids)>> groups, CancellationToken cancellationToken)
    {
        var load = ClosedLoad.RunAsync(work.Access, work.Connections, work.Request, TimeSpan.FromSeconds(warmupSeconds), TimeSpan.FromSeconds(seconds), cancellationToken);
        await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(warmupSeconds), cancellationToken));
        var cpu = CpuWindow.Start(groups());
        var figures = await load;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {work.Name}, {work.Connections} connections, {via}: {figures.RequestsPerSecond:N0} req/s; {figures.Latency.Summary()}"));
        Console.WriteLine($"    CPU (cores): {cpu.Stop()}");
        if (figures.FailureCount > 0)
        {
            Console.WriteLine($"    {figures.FailureText}");
        }

        return figures;
    }

    private async Task<IReadOnlyList<string>> CreateTicketsAsync(CancellationToken cancellationToken)
    {
        using var http = target.Api.CreateClient(new SocketsHttpHandler { UseProxy = false }, TimeSpan.FromSeconds(30));
        var ids = new string[Tickets];
        await Parallel.ForAsync(0, Tickets, new ParallelOptions { MaxDegreeOfParallelism = WriteConnections, CancellationToken = cancellationToken }, async (i, token) =>
        {
            using var response = await http.PostAsJsonAsync("/api/tickets", new { customer_name = $"Throughput customer {i}", subject = $"Throughput ticket {i}" }, token);
            response.EnsureSuccessStatusCode();
            using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync(token));
            ids[i] = created.RootElement.GetProperty("ticket_id").GetString()!;
        });
        return ids;
    }
}
