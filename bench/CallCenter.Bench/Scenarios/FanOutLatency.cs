using System.Diagnostics;
using System.Globalization;
using CallCenter.Bench.Clients;
using CallCenter.Bench.Reporting;
using CallCenter.Bench.Target;

namespace CallCenter.Bench.Scenarios;

/// <summary>
/// Cross-replica fan-out latency: sockets held by replica B, calls placed at a fixed rate through replica A,
/// so every event travels A → PostgreSQL commit → Redis → B → every socket. Latency is measured per event and
/// per socket, from just before the POST was written (and from the event's own <c>ts</c>) to the frame's arrival.
/// On an AppHost it started, the bench first measures the bare fan-out (the baseline app: one process numbering the
/// POSTs and sending each frame with <c>SendAsync</c>) at the same rate, sockets and client, as the yardstick.
/// </summary>
public sealed class FanOutLatency(CallCenterTarget target, bool direct, int rate, int socketCount, int seconds, int warmupSeconds)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Enough connections for the POSTs in flight at once (rate × round trip); a request that finds none free
    /// waits, which shows up as schedule lag rather than as a connection landing on the wrong replica.
    /// </summary>
    private const int WriterConnections = 48;

    private const int ConnectConcurrency = 32;

    private const string Database = "callcenterdb";

    private int Calls => rate * seconds;

    private int WarmupCalls => Math.Max(1, rate * warmupSeconds);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"Fan-out latency: {socketCount:N0} sockets on replica B, {rate}/s calls through replica A for {seconds}s ({Calls:N0} events).");
        Console.WriteLine($"At start: {MachineLoad.LoadAverage()}");

        var bare = target.AppHost is { } appHost ? await MeasureBareAsync(appHost, cancellationToken) : null;

        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(ConnectTimeout);
        // The gateway picks a replica per request: connections are opened until two answers differ.
        var (firstClient, replicaA) = await ReplicaConnection.OpenAsync(target.Api, _ => true, connecting.Token);
        firstClient.Dispose();
        var (secondClient, replicaB) = await ReplicaConnection.OpenAsync(target.Api, replica => replica != replicaA, connecting.Token);
        secondClient.Dispose();
        var (toA, toB) = (target.Reach(replicaA, direct), target.Reach(replicaB, direct));
        using var placer = await CallPlacer.OpenAsync(toA, WriterConnections, replica => replica == replicaA, connecting.Token);
        var sockets = await ConnectAllAsync(toB, replica => replica == replicaB, connecting.Token);
        Console.WriteLine($"Replica A (writes): {replicaA} at {toA.Address}; replica B (sockets): {replicaB} at {toB.Address}; {WriterConnections} keep-alive connections on A.");
        try
        {
            var window = await MeasureAsync(
                placer, sockets, () => ProcessGroups.Find(target.AppHost is not null, [("replica A", replicaA), ("replica B", replicaB)]), cancellationToken);
            var faults = Report(window, sockets, replicaA);
            var perCore = PrintFramesPerCore("replica B", window);
            if (bare is { } yardstick)
            {
                PrintAgainstBare(window, perCore, yardstick);
            }

            // A yardstick that lost or repeated frames measured something else: the run fails as the API's would.
            return faults + (bare?.Faults ?? 0) == 0 ? 0 : 1;
        }
        finally
        {
            Dispose(sockets);
        }
    }

    /// <summary>What one measured window gave: each POST, when the schedule started, and what every socket received.</summary>
    private sealed record Window(PlacedCall[] Placed, long Start, TimeSpan SendingTook, SocketTally[] Tallies, CpuWindow Cpu, string CpuSummary)
    {
        public int[] Ok => [.. Enumerable.Range(0, Placed.Length).Where(i => Placed[i].Ok)];
    }

    /// <summary>The bare fan-out's figures the API's are set against.</summary>
    private sealed record BareFigures(Distribution FromEvent, Distribution FromDue, double FramesPerCore, long Faults);

    /// <summary>The same schedule, sockets and client against the baseline app; prints its figures.</summary>
    private async Task<BareFigures> MeasureBareAsync(StartedAppHost appHost, CancellationToken cancellationToken)
    {
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(ConnectTimeout);
        var setup = connecting.Token;
        await using var baseline = await BaselineProcess.StartAsync(await appHost.ConnectionStringAsync(Database, setup), setup);
        var bare = new ApiAccess(baseline.Address, Key: null);
        Console.WriteLine($"Bare fan-out first: the baseline app (pid {baseline.Pid}) at {baseline.Address}, the same {rate}/s to {socketCount:N0} sockets.");
        using var placer = await CallPlacer.OpenAsync(bare, WriterConnections, _ => true, setup);
        var sockets = await ConnectAllAsync(bare, _ => true, setup);
        try
        {
            var window = await MeasureAsync(
                placer, sockets, () => [.. ProcessGroups.Find(target.AppHost is not null, []), ("baseline", [baseline.Pid])], cancellationToken);
            var (fromDue, _, fromEvent, lost, repeated) = Latencies(window);
            Console.WriteLine();
            Console.WriteLine($"== Bare fan-out, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: the baseline app alone, the AppHost idle ==");
            Console.WriteLine($"Offered {rate}/s for {seconds}s: {window.Placed.Length:N0} POSTs sent in {window.SendingTook.TotalSeconds:F2}s ({window.Placed.Length / window.SendingTook.TotalSeconds:F0}/s achieved), {window.Ok.Length:N0} ok");
            Console.WriteLine($"Frames of measured events: {fromDue.Count:N0} received of {(long)window.Ok.Length * window.Tallies.Length:N0} expected; lost {lost:N0}, repeated or out of order {repeated:N0}; {sockets.Count(s => !s.IsOpen):N0} sockets closed");
            Console.WriteLine($"POST due -> frame on a socket:      {fromDue.Summary()}");
            Console.WriteLine($"event ts -> frame on a socket:      {fromEvent.Summary()}");
            Console.WriteLine($"CPU over the measured window: {window.CpuSummary}");
            var perCore = PrintFramesPerCore("baseline", window);
            Console.WriteLine();
            return new BareFigures(fromEvent, fromDue, perCore, lost + repeated);
        }
        finally
        {
            Dispose(sockets);
        }
    }

    /// <summary>Warms up until every socket has the last warm-up event, then places the measured calls on schedule and waits for their frames.</summary>
    private async Task<Window> MeasureAsync(
        CallPlacer placer, PolledUpdateSocket[] sockets, Func<IEnumerable<(string Name, IReadOnlyList<int> Pids)>> groups, CancellationToken cancellationToken)
    {
        var runTag = $"fanout{Random.Shared.Next(0x10000):x4}";
        var tallies = sockets.Select(_ => new SocketTally(Calls, $"{runTag}-", $"warmup-{runTag}-")).ToArray();
        using var poller = new FramePoller(sockets, i => tallies[i].OnFrame);
        try
        {
            Console.WriteLine($"Warm-up: {WarmupCalls:N0} calls, until every socket has the last one...");
            var (warmup, _) = await OpenLoop.PlaceOnScheduleAsync(placer, rate, WarmupCalls, i => $"warmup-{runTag}-{i}", cancellationToken);
            await OpenLoop.WaitUntilAsync(() => tallies.All(t => t.WarmupSeen == WarmupCalls - 1), DrainTimeout, cancellationToken);
            var unsubscribed = tallies.Count(t => t.WarmupSeen != WarmupCalls - 1);
            if (unsubscribed > 0 || warmup.Any(p => !p.Ok))
            {
                Console.WriteLine($"Warm-up incomplete: {unsubscribed} sockets lack the last warm-up event, {warmup.Count(p => !p.Ok)} POSTs failed{PlacedCall.Failures(warmup)}; measuring anyway.");
            }

            var cpu = CpuWindow.Start(groups());
            var (placed, start) = await OpenLoop.PlaceOnScheduleAsync(placer, rate, Calls, i => $"{runTag}-{i}", cancellationToken);
            var sendingTook = Stopwatch.GetElapsedTime(start);
            var expected = placed.Count(p => p.Ok);
            await OpenLoop.WaitUntilAsync(() => tallies.All(t => t.Received >= expected), DrainTimeout, cancellationToken);
            var summary = cpu.Stop();
            return new Window(placed, start, sendingTook, tallies, cpu, summary);
        }
        finally
        {
            await poller.StopAsync().WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        }
    }

    private async Task<PolledUpdateSocket[]> ConnectAllAsync(ApiAccess replica, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        var sockets = new PolledUpdateSocket[socketCount];
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForAsync(0, socketCount, new ParallelOptions { MaxDegreeOfParallelism = ConnectConcurrency, CancellationToken = cancellationToken },
            (i, token) =>
            {
                sockets[i] = PolledUpdateSocket.ConnectToReplica(replica, "", wanted, token);
                return ValueTask.CompletedTask;
            });
        Console.WriteLine($"{socketCount:N0} sockets connected in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1}s.");
        return sockets;
    }

    private static void Dispose(PolledUpdateSocket[] sockets)
    {
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
    }

    /// <summary>What fanning out cost the process that held the sockets: the frames it wrote over the window, per core it used.</summary>
    private static double PrintFramesPerCore(string holder, Window window)
    {
        var perSecond = window.Tallies.Sum(t => t.Received) / window.Cpu.Measured.TotalSeconds;
        var cores = window.Cpu.CoresOf(holder);
        var perCore = cores > 0 ? perSecond / cores : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fan-out work on {holder}: {perSecond:N0} frames/s on {cores:F2} cores = {perCore:N0} frames/s per core"));
        return perCore;
    }

    private void PrintAgainstBare(Window window, double perCore, BareFigures bare)
    {
        var (fromDue, _, fromEvent, _, _) = Latencies(window);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Against the bare fan-out (same rate, sockets and client): event ts -> frame p50 {fromEvent.Percentile(50):F1} vs {bare.FromEvent.Percentile(50):F1} ms, "
            + $"p99 {fromEvent.Percentile(99):F1} vs {bare.FromEvent.Percentile(99):F1} ms; POST due -> frame p99 {fromDue.Percentile(99):F1} vs {bare.FromDue.Percentile(99):F1} ms; "
            + $"frames/s per core {perCore:N0} vs {bare.FramesPerCore:N0}"));
    }

    /// <summary>Prints the figures; returns how many deliveries were lost, duplicated or out of order.</summary>
    private long Report(Window window, PolledUpdateSocket[] sockets, string replicaA)
    {
        var (placed, tallies, ok) = (window.Placed, window.Tallies, window.Ok);
        var (fromDue, fromSend, fromEvent, lost, _) = Latencies(window);
        var toLastSocket = new float[ok.Length];
        for (var k = 0; k < ok.Length; k++)
        {
            var i = ok[k];
            toLastSocket[k] = tallies.Any(t => t.ArrivedAt[i] == 0)
                ? float.PositiveInfinity
                : (float)Stopwatch.GetElapsedTime(placed[i].SentAt, tallies.Max(t => t.ArrivedAt[i])).TotalMilliseconds;
        }

        var roundTrip = placed.Where(p => p.Ok).Select(p => (float)Stopwatch.GetElapsedTime(p.SentAt, p.AnsweredAt).TotalMilliseconds).ToArray();
        var scheduleLag = placed.Select((p, i) => (float)(Stopwatch.GetElapsedTime(window.Start, p.SentAt).TotalMilliseconds - i * 1000.0 / rate)).ToArray();
        var duplicates = tallies.Sum(t => t.Duplicates);
        var skipped = tallies.Sum(t => t.IdsSkipped);
        var backwards = tallies.Sum(t => t.IdsBackwards);

        Console.WriteLine();
        Console.WriteLine($"== Fan-out latency, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores shared by the bench client, both API replicas, PostgreSQL and Redis ==");
        Console.WriteLine($"Offered {rate}/s for {seconds}s: {placed.Length:N0} POSTs sent in {window.SendingTook.TotalSeconds:F2}s ({placed.Length / window.SendingTook.TotalSeconds:F0}/s achieved)");
        Console.WriteLine($"POSTs: {ok.Length:N0} ok, {placed.Length - ok.Length:N0} failed{PlacedCall.Failures(placed)}, {placed.Count(p => p.Ok && p.Replica != replicaA):N0} answered by a replica other than A");
        Console.WriteLine($"Sockets: {sockets.Length:N0} on B, {sockets.Count(s => !s.IsOpen):N0} closed during the run");
        Console.WriteLine($"Frames of measured events: {fromSend.Count:N0} received of {(long)ok.Length * tallies.Length:N0} expected ({tallies.Sum(t => t.Frames):N0} frames in all, warm-up included)");
        Console.WriteLine($"Lost: {lost:N0} (socket, event) pairs on {tallies.Count(t => t.Received < ok.Length):N0} sockets; ids skipped between frames: {skipped:N0}");
        Console.WriteLine($"Duplicated frames: {duplicates:N0}; ids repeated or out of order: {backwards:N0}");
        Console.WriteLine($"POST due -> frame on a socket of B:    {fromDue.Summary()}");
        Console.WriteLine($"POST sent -> frame on a socket of B:   {fromSend.Summary()}");
        Console.WriteLine($"event ts -> frame on a socket of B:    {fromEvent.Summary()}");
        Console.WriteLine($"POST sent -> frame on its LAST socket: {new Distribution(toLastSocket).Summary()}");
        Console.WriteLine($"POST round trip through A:             {new Distribution(roundTrip).Summary()}");
        Console.WriteLine($"Schedule lag (sent - due):             {new Distribution(scheduleLag).Summary()}");
        Console.WriteLine($"CPU over the measured window: {window.CpuSummary}");
        Console.WriteLine($"At end: {MachineLoad.LoadAverage()}");
        return lost + duplicates + skipped + backwards;
    }

    /// <summary>Every measured (socket, event) pair's latencies, and how many were lost or came repeated or out of order.</summary>
    private (Distribution FromDue, Distribution FromSend, Distribution FromEvent, long Lost, long Repeated) Latencies(Window window)
    {
        var ok = window.Ok;
        var fromSend = new List<float>(ok.Length * window.Tallies.Length);
        var fromDue = new List<float>(ok.Length * window.Tallies.Length);
        var fromEvent = new List<float>(ok.Length * window.Tallies.Length);
        long lost = 0;
        foreach (var tally in window.Tallies)
        {
            foreach (var i in ok)
            {
                if (tally.ArrivedAt[i] == 0)
                {
                    lost++;
                    continue;
                }

                fromSend.Add((float)Stopwatch.GetElapsedTime(window.Placed[i].SentAt, tally.ArrivedAt[i]).TotalMilliseconds);
                // Open loop: from when the event was due to be caused, so a server that falls behind the offered rate
                // shows it here even when each POST, once sent, is quick.
                fromDue.Add((float)(Stopwatch.GetElapsedTime(window.Start, tally.ArrivedAt[i]).TotalMilliseconds - i * 1000.0 / rate));
                if (float.IsFinite(tally.SinceCommitMs[i]))
                {
                    fromEvent.Add(tally.SinceCommitMs[i]);
                }
            }
        }

        var repeated = window.Tallies.Sum(t => t.Duplicates + t.IdsSkipped + t.IdsBackwards);
        return (new Distribution([.. fromDue]), new Distribution([.. fromSend]), new Distribution([.. fromEvent]), lost, repeated);
    }
}
