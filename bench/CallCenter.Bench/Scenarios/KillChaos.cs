using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CallCenter.Bench.Clients;
using CallCenter.Bench.Reporting;
using CallCenter.Bench.Target;
using Npgsql;

namespace CallCenter.Bench.Scenarios;

/// <summary>
/// Issue 17's chaos, measured: writers place calls through both replicas and two resuming clients read the stream
/// while PostgreSQL (×5), Redis (×10) and an API replica (×10) are killed with SIGKILL in random order, the AppHost
/// restarting each. Prints what was lost (acknowledged writes, events at the sockets), what clients saw (5xx other
/// than 503, answers slower than 2 s while a dependency was down) and, per kind of failure, how long writes failed
/// and how soon after the dependency was back they succeeded again.
/// </summary>
public sealed class KillChaos(CallCenterTarget target, int seed)
{
    private const int Writers = 4;
    private const int Readers = 2;
    private static readonly TimeSpan WriterPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RecoveryTarget = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    private static readonly (string Kind, string Resource, int Times)[] Failures =
        [("PostgreSQL", "postgres", 5), ("Redis", "redis", 10), ("API replica", "api", 10)];

    private readonly Stopwatch _clock = new();
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private int _placed;
    private volatile bool _stopping;

    /// <summary>One POST /api/calls: when it was sent and answered (run clock), its status (0: no answer), the call.</summary>
    private sealed record Attempt(TimeSpan Sent, TimeSpan Answered, int Status, string? CallId, string? ServedBy, string? Outcome);

    /// <summary>One kill: when, what, when the restarted process was healthy.</summary>
    private sealed record Kill(string Kind, string ResourceId, TimeSpan At, TimeSpan Ready);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (target.AppHost is not { } appHost)
        {
            Console.WriteLine("The kills scenario kills PostgreSQL, Redis and replicas, so it runs only on an AppHost it starts itself: drop --api-url.");
            return 2;
        }

        var random = new Random(seed);
        var plan = Failures.SelectMany(f => Enumerable.Repeat((f.Kind, f.Resource), f.Times)).OrderBy(_ => random.Next()).ToList();
        Console.WriteLine($"Kills (seed {seed}): {string.Join(", ", Failures.Select(f => $"{f.Kind} ×{f.Times}"))} in random order, "
            + $"SIGKILL each, {Settle.TotalSeconds:F0} s of steady load between; {Writers} writers through the API's address, {Readers} resuming clients.");
        Console.WriteLine($"At start: {MachineLoad.LoadAverage()}");
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        run.CancelAfter(RunTimeout);
        // Connections live one second, so requests keep moving between replicas (and off a dead one).
        using var http = target.Api.CreateClient(
            new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(1), UseProxy = false }, TimeSpan.FromSeconds(30));
        var startAfter = await StreamPosition.LastEventIdAsync(http, run.Token);
        var readers = Enumerable.Range(0, Readers).Select(_ => new ResumingConsumer(target.Api, startAfter)).ToList();
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(run.Token);
        var readerRuns = readers.Select(reader => reader.RunAsync(reading.Token)).ToList();
        _clock.Start();
        var writers = Enumerable.Range(0, Writers).Select(_ => WriteAsync(http, run.Token)).ToList();

        var kills = new List<Kill>();
        foreach (var (kind, resource) in plan)
        {
            await Task.Delay(Settle, run.Token);
            var victims = appHost.RunningIds(resource);
            var victim = victims[random.Next(victims.Count)];
            var killedAtUtc = DateTime.UtcNow;
            var at = _clock.Elapsed;
            appHost.Kill(victim);
            await appHost.WaitReplacedAsync(victim, killedAtUtc, run.Token);
            var kill = new Kill(kind, victim, at, _clock.Elapsed);
            kills.Add(kill);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {at.TotalSeconds,6:F1}s  killed {victim,-16} healthy again after {(kill.Ready - at).TotalSeconds,5:F1} s; {Volatile.Read(ref _placed):N0} calls placed"));
        }

        await Task.Delay(Settle, run.Token);
        // Writers finish the request they are in: one cancelled after the server committed would count as refused.
        _stopping = true;
        await Task.WhenAll(writers);
        var lastId = await StreamPosition.LastEventIdAsync(http, run.Token);
        var drained = Stopwatch.StartNew();
        while (readers.Any(reader => reader.LastId < lastId) && drained.Elapsed < DrainTimeout)
        {
            await Task.Delay(20, run.Token);
        }

        await reading.CancelAsync();
        await Task.WhenAll(readerRuns).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        var stored = await StoredAsync(appHost, run.Token);
        return Report(kills, readers, startAfter, lastId, stored);
    }

    private int Report(List<Kill> kills, List<ResumingConsumer> readers, long startAfter, long lastId, Stored stored)
    {
        var attempts = _attempts.OrderBy(a => a.Sent).ToList();
        var acknowledged = attempts.Where(a => a.CallId is not null).Select(a => a.CallId!).ToHashSet();
        var otherServerErrors = attempts.Count(a => a.Status >= 500 && a.Status != 503);
        var slowWhileDown = attempts.Count(a => a.Answered - a.Sent > SlowAnswer && kills.Any(k => a.Answered > k.At && a.Sent < k.Ready));
        var lostWrites = acknowledged.Count(id => !stored.Calls.Contains(id));
        var unannounced = acknowledged.Count(id => !stored.Announced.Contains(id));

        Console.WriteLine();
        Console.WriteLine($"== Kills, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores shared by the bench, both API replicas, the Web app, PostgreSQL and Redis ==");
        Console.WriteLine($"Writes: {attempts.Count:N0} attempts; {acknowledged.Count:N0} acknowledged; "
            + string.Join(", ", attempts.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{Status(g.Key)} ×{g.Count():N0}")));
        var refusedButStored = stored.BenchCalls - acknowledged.Count;
        var unknownOutcomes = attempts.Count(a => a.Outcome == "unknown");
        Console.WriteLine($"Acknowledged writes lost: {lostWrites}   acknowledged without their call:new event: {unannounced}   "
            + $"call:new events without their call: {stored.EventsWithoutCall}");
        Console.WriteLine("503s by the outcome they stated: "
            + string.Join(", ", attempts.Where(a => a.Status == 503).GroupBy(a => a.Outcome ?? "(none)").Select(g => $"{g.Key} ×{g.Count():N0}"))
            + $";   refused writes that were stored anyway: {refusedButStored} (at most the {unknownOutcomes} 'unknown': {(refusedButStored <= unknownOutcomes ? "yes" : "NO")})");
        Console.WriteLine($"5xx other than 503: {otherServerErrors}   answers slower than {SlowAnswer.TotalSeconds:F0} s while a dependency was down: {slowWhileDown}");
        var socketsClean = true;
        foreach (var (reader, index) in readers.Select((reader, index) => (reader, index)))
        {
            var (lost, duplicated, late) = reader.Verify(lastId);
            socketsClean &= lost == 0 && duplicated == 0 && late == 0 && reader.SyncResets == 0 && reader.LastId == lastId;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Client {index + 1}: ids {startAfter + 1}..{lastId}: lost {lost}, duplicated {duplicated}, out of order {late}, sync:reset {reader.SyncResets}; "
                + $"{reader.Connections.Count} sockets, longest without one {reader.LongestWithoutSocket.TotalMilliseconds:F0} ms"));
        }

        Console.WriteLine();
        Console.WriteLine("| failure | kills | healthy again after kill p50 / max | writes failing p50 / max | writes back after healthy p50 / max |");
        Console.WriteLine("|---|---|---|---|---|");
        var recoveredInTime = true;
        foreach (var group in kills.GroupBy(k => k.Kind))
        {
            var down = group.Select(k => k.Ready - k.At).ToList();
            var failing = group.Select(k => FailingFor(attempts, k, NextKillAt(kills, k))).ToList();
            var back = group.Select(k => BackAfterReady(attempts, k, NextKillAt(kills, k))).ToList();
            recoveredInTime &= back.All(b => b <= RecoveryTarget);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {group.Count()} | {Seconds(down)} | {Seconds(failing)} | {Seconds(back)} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Each kill, with the writes sent between the kill and the process healthy again:");
        foreach (var kill in kills)
        {
            var during = attempts.Where(a => a.Sent >= kill.At && a.Sent <= kill.Ready).ToList();
            var slow = during.Where(a => a.Answered - a.Sent > SlowAnswer).ToList();
            Console.WriteLine(FormattableString.Invariant(
                $"  {kill.At.TotalSeconds,6:F1}s {kill.ResourceId,-18} healthy after {(kill.Ready - kill.At).TotalSeconds,5:F1} s: ")
                + string.Join(", ", during.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{Status(g.Key)} ×{g.Count()}"))
                + (slow.Count == 0 ? "" : $"; slower than {SlowAnswer.TotalSeconds:F0} s: "
                    + string.Join(", ", slow.Select(a => FormattableString.Invariant(
                        $"{Status(a.Status)} from {a.ServedBy ?? "?"} sent at {a.Sent.TotalSeconds:F1}s took {(a.Answered - a.Sent).TotalSeconds:F1} s")))));
            if (BackAfterReady(attempts, kill, NextKillAt(kills, kill)) > RecoveryTarget)
            {
                Console.WriteLine("    writes back late; its failures: " + string.Join(", ", LateFailures(attempts, kill, NextKillAt(kills, kill))));
            }
        }

        Console.WriteLine($"At end: {MachineLoad.LoadAverage()}");
        return lostWrites == 0 && unannounced == 0 && stored.EventsWithoutCall == 0 && otherServerErrors == 0 && slowWhileDown == 0
            && refusedButStored <= unknownOutcomes
            && socketsClean && recoveredInTime ? 0 : 1;
    }

    private static string Status(int status) => status == 0 ? "no answer" : status.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(List<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[sorted.Count / 2].TotalSeconds:F1} s / {sorted[^1].TotalSeconds:F1} s");
    }

    /// <summary>A failure belongs to the last kill before it: the next kill's failures are its own.</summary>
    private static TimeSpan NextKillAt(List<Kill> kills, Kill kill) =>
        kills.FirstOrDefault(other => other.At > kill.At)?.At ?? TimeSpan.MaxValue;

    /// <summary>From the first failed write after the kill to the first success after it (zero when none failed).</summary>
    private static TimeSpan FailingFor(List<Attempt> attempts, Kill kill, TimeSpan nextKill)
    {
        var firstFailure = attempts.FirstOrDefault(a => a.Sent >= kill.At && a.Sent < nextKill && a.CallId is null);
        if (firstFailure is null || firstFailure.Sent > kill.Ready)
        {
            return TimeSpan.Zero;
        }

        var success = attempts.FirstOrDefault(a => a.Sent >= firstFailure.Sent && a.CallId is not null);
        return (success?.Answered ?? kill.Ready) - firstFailure.Sent;
    }

    /// <summary>From the restarted process being healthy to the first write that succeeded after the last failure.</summary>
    private static TimeSpan BackAfterReady(List<Attempt> attempts, Kill kill, TimeSpan nextKill)
    {
        var lastFailure = attempts.LastOrDefault(a => a.Sent >= kill.At && a.Sent < nextKill && a.Sent <= kill.Ready + RecoveryTarget && a.CallId is null);
        if (lastFailure is null)
        {
            return TimeSpan.Zero;
        }

        var success = attempts.FirstOrDefault(a => a.Sent > lastFailure.Sent && a.CallId is not null);
        return success is null ? TimeSpan.MaxValue : TimeSpan.FromTicks(Math.Max(0, (success.Answered - kill.Ready).Ticks));
    }

    /// <summary>What kept writes from coming back in time: each failure of the kill's window, where from, when (from healthy).</summary>
    private static IEnumerable<string> LateFailures(List<Attempt> attempts, Kill kill, TimeSpan nextKill) =>
        attempts.Where(a => a.Sent >= kill.At && a.Sent < nextKill && a.Sent <= kill.Ready + RecoveryTarget && a.CallId is null)
            .Select(a => FormattableString.Invariant(
                $"{Status(a.Status)} ({a.Outcome ?? "no outcome"}) from {a.ServedBy ?? "?"} sent at healthy {(a.Sent - kill.Ready).TotalSeconds:+0.0;-0.0}s, took {(a.Answered - a.Sent).TotalSeconds:F1} s"));

    /// <summary>Writes one call after another; every attempt is recorded, whatever its outcome.</summary>
    private async Task WriteAsync(HttpClient http, CancellationToken cancellationToken)
    {
        while (!_stopping && !cancellationToken.IsCancellationRequested)
        {
            var call = Interlocked.Increment(ref _placed);
            var sent = _clock.Elapsed;
            var status = 0;
            string? callId = null, servedBy = null, outcome = null;
            try
            {
                using var response = await http.PostAsync(CallPlacer.StartCallPath(call, "kills"), null, cancellationToken);
                status = (int)response.StatusCode;
                servedBy = ServedBy.Of(response.Headers);
                var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    callId = body?["call_id"]?.GetValue<string>();
                }
                else
                {
                    outcome = body?["outcome"]?.GetValue<string>();
                }
            }
            catch (Exception exception) when (exception is HttpRequestException || exception is TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // A connection to a replica that died: counted as no answer.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            _attempts.Enqueue(new Attempt(sent, _clock.Elapsed, status, callId, servedBy, outcome));
            await Task.Delay(WriterPause, CancellationToken.None);
        }
    }

    private sealed record Stored(HashSet<string> Calls, HashSet<string> Announced, long EventsWithoutCall, long BenchCalls);

    /// <summary>What PostgreSQL holds, read directly: the calls this run placed, their events, and events without a call.</summary>
    private static async Task<Stored> StoredAsync(StartedAppHost appHost, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await appHost.ConnectionStringAsync("callcenterdb", cancellationToken));
        await connection.OpenAsync(cancellationToken);
        var calls = await StringsAsync(connection,
            "SELECT call_id FROM calls WHERE customer_name = 'kills'", cancellationToken);
        var announced = await StringsAsync(connection, "SELECT data->>'call_id' FROM events WHERE type = 'call:new'", cancellationToken);
        await using var orphans = new NpgsqlCommand(
            "SELECT count(*) FROM events e WHERE e.type = 'call:new' AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.call_id = e.data->>'call_id')",
            connection);
        var eventsWithoutCall = (long)(await orphans.ExecuteScalarAsync(cancellationToken))!;
        return new Stored(calls, announced, eventsWithoutCall, calls.Count);
    }

    private static async Task<HashSet<string>> StringsAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new HashSet<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
