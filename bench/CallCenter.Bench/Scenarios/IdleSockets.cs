using System.Diagnostics;
using System.Globalization;
using CallCenter.Bench.Clients;
using CallCenter.Bench.Reporting;
using CallCenter.Bench.Target;

namespace CallCenter.Bench.Scenarios;

/// <summary>
/// How many idle sockets one replica holds and what each costs it: sockets are opened in steps, the
/// replica's resident memory is read from /proc after each, and at the top it must still answer quickly
/// and fan a new event out to every socket.
/// </summary>
public sealed class IdleSockets(CallCenterTarget target, bool direct, int count)
{
    private static readonly double[] Steps = [0.1, 0.25, 0.5, 1.0];
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan SettleInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan FanOutTimeout = TimeSpan.FromSeconds(30);
    private const int ConnectConcurrency = 64;
    private const int Probes = 50;
    private const int WarmUpSockets = 20;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"Idle sockets: {count:N0} on one replica.");
        Console.WriteLine($"At start: {MachineLoad.LoadAverage()}");
        using var opening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        opening.CancelAfter(StepTimeout);
        var (first, replica) = await ReplicaConnection.OpenAsync(target.Api, _ => true, opening.Token);
        first.Dispose();
        var access = target.Reach(replica, direct);
        var throughProxy = access.Address == target.Api.Address;
        var (probe, _) = await ReplicaConnection.OpenAsync(access, r => r == replica, opening.Token);
        using var probing = probe;
        var pid = ReplicaProcess.Find(replica);
        if (!EnoughFileDescriptors(pid, throughProxy))
        {
            return 2;
        }

        Console.WriteLine(pid is null
            ? $"Replica {replica}: its process was not found (no process carries service.instance.id={replica}), so memory is not measured."
            : $"Replica {replica}: pid {pid}, found by service.instance.id={replica} in its OTEL_RESOURCE_ATTRIBUTES.");
        Console.WriteLine($"Sockets connect to {access.Address}" + (throughProxy ? " (the API's one address, through its proxy)." : " (the replica's own address)."));
        // What the replica compiles and pools on its first sockets is paid once, not per socket: a few are opened and
        // dropped before the baseline is read.
        foreach (var warmUp in await OpenAsync(access, WarmUpSockets, replica, opening.Token))
        {
            warmUp.Dispose();
        }

        var baselineKiB = await SettledResidentKiBAsync(pid, cancellationToken);
        Console.WriteLine($"  {0,6:N0} sockets: {Memory(pid)}");

        var sockets = new List<LiveUpdateSocket>(count);
        var framesPerSocket = new int[count];
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receivers = new List<Task>(count);
        try
        {
            (int Sockets, long KiB)? firstStep = null;
            var previous = (Sockets: 0, KiB: baselineKiB);
            foreach (var step in Steps.Select(fraction => (int)(count * fraction)).Where(n => n > 0).Distinct())
            {
                var started = Stopwatch.GetTimestamp();
                var opened = await OpenAsync(access, step - sockets.Count, replica, opening.Token);
                foreach (var socket in opened)
                {
                    var index = sockets.Count;
                    sockets.Add(socket);
                    receivers.Add(Task.Run(() => socket.ReceiveAsync((_, _) => Interlocked.Increment(ref framesPerSocket[index]), receiving.Token), CancellationToken.None));
                }

                var took = Stopwatch.GetElapsedTime(started);
                var kib = await SettledResidentKiBAsync(pid, cancellationToken);
                var perSocket = (kib - previous.KiB) / (double)(step - previous.Sockets);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {step,6:N0} sockets: {Memory(pid)}; +{perSocket:F1} KiB per socket since the previous step; opened in {took.TotalSeconds:F1}s"));
                previous = (step, kib);
                firstStep ??= previous;
            }

            var finalKiB = previous.KiB;
            var alive = await ProbeAsync(probe, cancellationToken);
            var fanOut = await FanOutOnceAsync(framesPerSocket, cancellationToken);
            var open = sockets.Count(s => s.IsOpen);

            Console.WriteLine();
            Console.WriteLine($"== Idle sockets, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores shared by the bench client, both API replicas, PostgreSQL and Redis ==");
            Console.WriteLine($"Replica {replica} holds {open:N0} of {count:N0} sockets still open");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Memory per socket (RSS growth / sockets): {(finalKiB - baselineKiB) / (double)count:F1} KiB, from {baselineKiB / 1024.0:F0} MiB to {finalKiB / 1024.0:F0} MiB"));
            if (firstStep is { } lowest && lowest.Sockets < count)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  from {lowest.Sockets:N0} to {count:N0} sockets: {(finalKiB - lowest.KiB) / (double)(count - lowest.Sockets):F1} KiB per socket"));
            }

            Console.WriteLine($"GET /alive on that replica with {count:N0} sockets open: {alive.Summary()}");
            Console.WriteLine(fanOut.Text);
            Console.WriteLine($"At end: {MachineLoad.LoadAverage()}");
            return open == count && fanOut.ReachedAll ? 0 : 1;
        }
        finally
        {
            await receiving.CancelAsync();
            await Task.WhenAll(receivers).WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>
    /// Every socket is a file descriptor in the bench and in the replica, and through the gateway two more in
    /// the gateway between them (client side and replica side). The gateway and replicas the bench starts inherit
    /// the bench's limit.
    /// </summary>
    private bool EnoughFileDescriptors(int? replicaPid, bool throughProxy)
    {
        const int Spare = 1_000;
        var own = ReplicaProcess.OpenFileLimit(Environment.ProcessId) ?? long.MaxValue;
        var proxyHere = throughProxy && target.AppHost is not null;
        var needed = proxyHere ? 2L * count + Spare : count + Spare;
        var replicaLimit = replicaPid is { } pid ? ReplicaProcess.OpenFileLimit(pid) ?? long.MaxValue : long.MaxValue;
        if (own >= needed && replicaLimit >= count + Spare)
        {
            return true;
        }

        Console.WriteLine($"Not enough file descriptors: the bench may open {own:N0} and the replica {replicaLimit:N0}; {count:N0} sockets need {needed:N0} here"
            + (proxyHere ? " (DCP's proxy holds two per socket and inherits this limit; --connect direct avoids it)." : $" and {count + Spare:N0} in the replica."));
        Console.WriteLine("A process cannot raise its own hard limit; as root run the bench under a higher one, for example:");
        Console.WriteLine($"  bash -c 'ulimit -n 65536 && dotnet run -c Release --project bench/CallCenter.Bench -- sockets --count {count}'");
        return false;
    }

    private static async Task<List<LiveUpdateSocket>> OpenAsync(ApiAccess access, int more, string replica, CancellationToken cancellationToken)
    {
        var opened = new LiveUpdateSocket[more];
        await Parallel.ForAsync(0, more, new ParallelOptions { MaxDegreeOfParallelism = ConnectConcurrency, CancellationToken = cancellationToken },
            async (i, token) => opened[i] = await LiveUpdateSocket.ConnectToReplicaAsync(access, "", r => r == replica, token));
        return [.. opened];
    }

    /// <summary>Sequential GET /alive on a connection held by the loaded replica: is it still quick to answer?</summary>
    private static async Task<Distribution> ProbeAsync(HttpClient probe, CancellationToken cancellationToken)
    {
        var samples = new float[Probes];
        for (var i = 0; i < Probes; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            using var response = await probe.GetAsync("/alive", cancellationToken);
            samples[i] = (float)Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        }

        return new Distribution(samples);
    }

    /// <summary>Places one call and times how long until every socket has received a frame for it.</summary>
    private async Task<(bool ReachedAll, string Text)> FanOutOnceAsync(int[] framesPerSocket, CancellationToken cancellationToken)
    {
        var before = framesPerSocket.Select((_, i) => Volatile.Read(ref framesPerSocket[i])).ToArray();
        using var writer = ReplicaConnection.Create(target.Api);
        var sent = Stopwatch.GetTimestamp();
        using var response = await writer.PostAsync(CallPlacer.StartCallPath(0, "idle-sockets"), null, cancellationToken);
        var deadline = sent + (long)(FanOutTimeout.TotalSeconds * Stopwatch.Frequency);
        int reached;
        while ((reached = Reached()) < framesPerSocket.Length && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(5, cancellationToken);
        }

        var took = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        return reached == framesPerSocket.Length
            ? (true, string.Create(CultureInfo.InvariantCulture, $"One new event reached all {reached:N0} sockets {took:F0} ms after its POST was sent (HTTP {(int)response.StatusCode})."))
            : (false, $"One new event reached only {reached:N0} of {framesPerSocket.Length:N0} sockets within {FanOutTimeout.TotalSeconds}s (HTTP {(int)response.StatusCode}).");

        int Reached()
        {
            var got = 0;
            for (var i = 0; i < framesPerSocket.Length; i++)
            {
                got += Volatile.Read(ref framesPerSocket[i]) > before[i] ? 1 : 0;
            }

            return got;
        }
    }

    /// <summary>
    /// The replica's RSS once it has stopped moving (two readings half a second apart within 1%): right after
    /// the last upgrade it is still finishing handshakes and collecting their garbage.
    /// </summary>
    private static async Task<long> SettledResidentKiBAsync(int? pid, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(SettleTimeout.TotalSeconds * Stopwatch.Frequency);
        var last = ResidentKiB(pid);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(SettleInterval, cancellationToken);
            var now = ResidentKiB(pid);
            if (Math.Abs(now - last) <= last / 100)
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    private static long ResidentKiB(int? pid) => pid is { } p ? ReplicaProcess.ResidentKiB(p) ?? 0 : 0;

    private static string Memory(int? pid) => pid is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"RSS {ReplicaProcess.ResidentKiB(p) / 1024.0:F1} MiB, {ReplicaProcess.Threads(p)} threads")
        : "memory not measured";
}
