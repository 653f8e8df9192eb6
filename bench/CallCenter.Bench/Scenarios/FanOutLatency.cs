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

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var calls = rate * seconds;
        var warmupCalls = Math.Max(1, rate * warmupSeconds);
        var runTag = $"fanout{Random.Shared.Next(0x10000):x4}";
        Console.WriteLine($"Fan-out latency: {socketCount:N0} sockets on replica B, {rate}/s calls through replica A for {seconds}s ({calls:N0} events).");
        Console.WriteLine($"At start: {MachineLoad.LoadAverage()}");

        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(ConnectTimeout);
        // The proxy in front of the replicas picks one per connection: connections are opened until two differ.
        var (firstClient, replicaA) = await ReplicaConnection.OpenAsync(target.Api, _ => true, connecting.Token);
        firstClient.Dispose();
        var (secondClient, replicaB) = await ReplicaConnection.OpenAsync(target.Api, replica => replica != replicaA, connecting.Token);
        secondClient.Dispose();
        var (toA, toB) = (target.Reach(replicaA, direct), target.Reach(replicaB, direct));
        using var placer = await CallPlacer.OpenAsync(toA, WriterConnections, replica => replica == replicaA, connecting.Token);
        var tallies = Enumerable.Range(0, socketCount).Select(_ => new SocketTally(calls, $"{runTag}-", $"warmup-{runTag}-")).ToArray();
        var sockets = await ConnectAllAsync(toB, replica => replica == replicaB, connecting.Token);
        Console.WriteLine($"Replica A (writes): {replicaA} at {toA.Address}; replica B (sockets): {replicaB} at {toB.Address}; {WriterConnections} keep-alive connections on A.");

        using var poller = new FramePoller(sockets, i => tallies[i].OnFrame);
        try
        {
            Console.WriteLine($"Warm-up: {warmupCalls:N0} calls, until every socket has the last one...");
            var (warmup, _) = await OpenLoop.PlaceOnScheduleAsync(placer, rate, warmupCalls, i => $"warmup-{runTag}-{i}", cancellationToken);
            await OpenLoop.WaitUntilAsync(() => tallies.All(t => t.WarmupSeen == warmupCalls - 1), DrainTimeout, cancellationToken);
            var unsubscribed = tallies.Count(t => t.WarmupSeen != warmupCalls - 1);
            if (unsubscribed > 0 || warmup.Any(p => !p.Ok))
            {
                Console.WriteLine($"Warm-up incomplete: {unsubscribed} sockets lack the last warm-up event, {warmup.Count(p => !p.Ok)} POSTs failed{PlacedCall.Failures(warmup)}; measuring anyway.");
            }

            var cpu = CpuWindow.Start(ProcessGroups.Find(target.AppHost is not null, [("replica A", replicaA), ("replica B", replicaB)]));
            var (placed, start) = await OpenLoop.PlaceOnScheduleAsync(placer, rate, calls, i => $"{runTag}-{i}", cancellationToken);
            var sendingTook = Stopwatch.GetElapsedTime(start);
            var expected = placed.Count(p => p.Ok);
            await OpenLoop.WaitUntilAsync(() => tallies.All(t => t.Received >= expected), DrainTimeout, cancellationToken);
            var usage = cpu.Stop();

            var faults = Report(placed, start, tallies, sockets, sendingTook, replicaA, usage);
            PrintFramesPerCore(tallies.Sum(t => t.Received), cpu);
            return faults == 0 ? 0 : 1;
        }
        finally
        {
            await poller.StopAsync().WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
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

    /// <summary>What fanning out costs replica B: the frames it wrote to its sockets over the window, per core it used.</summary>
    private static void PrintFramesPerCore(long frames, CpuWindow cpu)
    {
        var perSecond = frames / cpu.Measured.TotalSeconds;
        var cores = cpu.CoresOf("replica B");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fan-out work on replica B: {perSecond:N0} frames/s on {cores:F2} cores = {(cores > 0 ? perSecond / cores : 0):N0} frames/s per core"));
    }

    /// <summary>Prints the figures; returns how many deliveries were lost, duplicated or out of order.</summary>
    private long Report(PlacedCall[] placed, long start, SocketTally[] tallies, PolledUpdateSocket[] sockets, TimeSpan sendingTook, string replicaA, string cpu)
    {
        var ok = Enumerable.Range(0, placed.Length).Where(i => placed[i].Ok).ToArray();
        var fromSend = new List<float>(ok.Length * tallies.Length);
        var fromDue = new List<float>(ok.Length * tallies.Length);
        var fromCommit = new List<float>(ok.Length * tallies.Length);
        var toLastSocket = new float[ok.Length];
        long lost = 0;
        foreach (var tally in tallies)
        {
            foreach (var i in ok)
            {
                if (tally.ArrivedAt[i] == 0)
                {
                    lost++;
                    continue;
                }

                fromSend.Add((float)Stopwatch.GetElapsedTime(placed[i].SentAt, tally.ArrivedAt[i]).TotalMilliseconds);
                // Open loop: from when the event was due to be caused, so a server that falls behind the offered rate
                // shows it here even when each POST, once sent, is quick.
                fromDue.Add((float)(Stopwatch.GetElapsedTime(start, tally.ArrivedAt[i]).TotalMilliseconds - i * 1000.0 / rate));
                if (float.IsFinite(tally.SinceCommitMs[i]))
                {
                    fromCommit.Add(tally.SinceCommitMs[i]);
                }
            }
        }

        for (var k = 0; k < ok.Length; k++)
        {
            var i = ok[k];
            toLastSocket[k] = tallies.Any(t => t.ArrivedAt[i] == 0)
                ? float.PositiveInfinity
                : (float)Stopwatch.GetElapsedTime(placed[i].SentAt, tallies.Max(t => t.ArrivedAt[i])).TotalMilliseconds;
        }

        var roundTrip = placed.Where(p => p.Ok).Select(p => (float)Stopwatch.GetElapsedTime(p.SentAt, p.AnsweredAt).TotalMilliseconds).ToArray();
        var scheduleLag = placed.Select((p, i) => (float)(Stopwatch.GetElapsedTime(start, p.SentAt).TotalMilliseconds - i * 1000.0 / rate)).ToArray();
        var duplicates = tallies.Sum(t => t.Duplicates);
        var skipped = tallies.Sum(t => t.IdsSkipped);
        var backwards = tallies.Sum(t => t.IdsBackwards);

        Console.WriteLine();
        Console.WriteLine($"== Fan-out latency, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores shared by the bench client, both API replicas, PostgreSQL and Redis ==");
        Console.WriteLine($"Offered {rate}/s for {seconds}s: {placed.Length:N0} POSTs sent in {sendingTook.TotalSeconds:F2}s ({placed.Length / sendingTook.TotalSeconds:F0}/s achieved)");
        Console.WriteLine($"POSTs: {ok.Length:N0} ok, {placed.Length - ok.Length:N0} failed{PlacedCall.Failures(placed)}, {placed.Count(p => p.Ok && p.Replica != replicaA):N0} answered by a replica other than A");
        Console.WriteLine($"Sockets: {sockets.Length:N0} on B, {sockets.Count(s => !s.IsOpen):N0} closed during the run");
        Console.WriteLine($"Frames of measured events: {fromSend.Count:N0} received of {(long)ok.Length * tallies.Length:N0} expected ({tallies.Sum(t => t.Frames):N0} frames in all, warm-up included)");
        Console.WriteLine($"Lost: {lost:N0} (socket, event) pairs on {tallies.Count(t => t.Received < ok.Length):N0} sockets; ids skipped between frames: {skipped:N0}");
        Console.WriteLine($"Duplicated frames: {duplicates:N0}; ids repeated or out of order: {backwards:N0}");
        Console.WriteLine($"POST due -> frame on a socket of B:    {new Distribution([.. fromDue]).Summary()}");
        Console.WriteLine($"POST sent -> frame on a socket of B:   {new Distribution([.. fromSend]).Summary()}");
        Console.WriteLine($"event ts -> frame on a socket of B:    {new Distribution([.. fromCommit]).Summary()}");
        Console.WriteLine($"POST sent -> frame on its LAST socket: {new Distribution(toLastSocket).Summary()}");
        Console.WriteLine($"POST round trip through A:             {new Distribution(roundTrip).Summary()}");
        Console.WriteLine($"Schedule lag (sent - due):             {new Distribution(scheduleLag).Summary()}");
        Console.WriteLine($"CPU over the measured window: {cpu}");
        Console.WriteLine($"At end: {MachineLoad.LoadAverage()}");
        return lost + duplicates + skipped + backwards;
    }
}
