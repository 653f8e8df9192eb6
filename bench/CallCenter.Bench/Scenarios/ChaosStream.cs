using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using CallCenter.Bench.Clients;
using CallCenter.Bench.Reporting;
using CallCenter.Bench.Target;

namespace CallCenter.Bench.Scenarios;

/// <summary>
/// Not one event lost: a resuming client reads while writers place calls through both replicas; partway
/// Redis is stopped and started, later the replica holding the client's socket is stopped (the client must
/// resume on the other) and started. At the end every id must have reached the client exactly once, in order.
/// </summary>
public sealed class ChaosStream(CallCenterTarget target, int events)
{
    private const int Writers = 8;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ReplicaStartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ReplicaProbeInterval = TimeSpan.FromMilliseconds(200);

    private readonly Stopwatch _clock = new();
    private int _placed;
    private int _failedAttempts;
    private readonly Dictionary<string, int> _servedBy = [];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (target.AppHost is not { } appHost)
        {
            Console.WriteLine("The chaos scenario stops and starts Redis and a replica, so it runs only on an AppHost it starts itself: drop --api-url.");
            return 2;
        }

        Console.WriteLine($"Chaos stream: {events:N0} calls placed by {Writers} writers through both replicas; Redis, then the client's replica, stopped and started.");
        Console.WriteLine($"At start: {MachineLoad.LoadAverage()}");
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        run.CancelAfter(RunTimeout);
        // Connections live one second, so the writers' requests keep moving between replicas (and off a stopped one).
        using var http = target.Api.CreateClient(
            new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(1), UseProxy = false }, TimeSpan.FromSeconds(10));
        var startAfter = await StreamPosition.LastEventIdAsync(http, run.Token);
        var consumer = new ResumingConsumer(target.Api, startAfter);
        using var consuming = CancellationTokenSource.CreateLinkedTokenSource(run.Token);
        var consumerRun = consumer.RunAsync(consuming.Token);

        _clock.Start();
        var chaos = new List<(int AtPlaced, string What, Func<Task> Act)>
        {
            (events * 2 / 10, "stop Redis", () => appHost.ExecuteAsync("redis", KnownResourceCommands.StopCommand, run.Token)),
            (events * 4 / 10, "start Redis", async () =>
            {
                await appHost.ExecuteAsync("redis", KnownResourceCommands.StartCommand, run.Token);
                await appHost.WaitHealthyAsync("redis", run.Token);
            }),
            (events * 6 / 10, "stop the client's replica", () => StopReplicaAsync(appHost, consumer, run.Token)),
            (events * 8 / 10, "start that replica again", () => StartReplicaAsync(appHost, run.Token)),
        };
        var writers = Enumerable.Range(0, Writers).Select(_ => WriteAsync(http, run.Token)).ToArray();
        foreach (var (atPlaced, what, act) in chaos)
        {
            while (Volatile.Read(ref _placed) < atPlaced && !writers.All(w => w.IsCompleted))
            {
                await Task.Delay(10, run.Token);
            }

            var before = _clock.Elapsed;
            await act();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {before.TotalSeconds,6:F1}s  {what} at {Volatile.Read(ref _placed):N0} calls placed (took {(_clock.Elapsed - before).TotalMilliseconds:F0} ms); client on {consumer.Replica}"));
        }

        await Task.WhenAll(writers);
        var writing = _clock.Elapsed;
        var lastId = await StreamPosition.LastEventIdAsync(http, run.Token);
        var drained = Stopwatch.StartNew();
        while (consumer.LastId < lastId && drained.Elapsed < DrainTimeout)
        {
            await Task.Delay(20, run.Token);
        }

        var total = _clock.Elapsed;
        await consuming.CancelAsync();
        await consumerRun.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);

        var (lost, duplicated, late) = consumer.Verify(lastId);
        Console.WriteLine();
        Console.WriteLine($"== Chaos stream, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores shared by the bench client, both API replicas, PostgreSQL and Redis ==");
        Console.WriteLine($"Calls placed: {_placed:N0} ({_failedAttempts:N0} failed attempts retried); served by {string.Join(", ", _servedBy.Select(s => $"{s.Key} {s.Value:N0}"))}");
        Console.WriteLine($"Events in the stream: ids {startAfter + 1}..{lastId} ({lastId - startAfter:N0}); the client received {consumer.Ids.Count:N0} frames");
        Console.WriteLine($"Lost: {lost:N0}   Duplicated: {duplicated:N0}   Late (out of order): {late:N0}   sync:reset: {consumer.SyncResets}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Time: {writing.TotalSeconds:F1}s writing, {total.TotalSeconds:F1}s until the client had the last event; longest the client was without a socket: {consumer.LongestWithoutSocket.TotalMilliseconds:F0} ms"));
        Console.WriteLine($"Client sockets ({consumer.Connections.Count}):");
        foreach (var connection in consumer.Connections)
        {
            Console.WriteLine($"  {connection}");
        }

        Console.WriteLine($"At end: {MachineLoad.LoadAverage()}");
        return lost == 0 && duplicated == 0 && late == 0 && consumer.SyncResets == 0 && consumer.LastId == lastId ? 0 : 1;
    }

    private (string ServedBy, string Resource)? _stoppedReplica;

    private async Task StopReplicaAsync(StartedAppHost appHost, ResumingConsumer consumer, CancellationToken cancellationToken)
    {
        var servedBy = consumer.Replica;
        _stoppedReplica = (servedBy, await appHost.ReplicaResourceNameAsync(servedBy, cancellationToken));
        await appHost.ExecuteAsync(_stoppedReplica.Value.Resource, KnownResourceCommands.StopCommand, cancellationToken);
    }

    /// <summary>
    /// Starts the stopped replica and waits until it serves requests on the API's address again: that, not the
    /// resource's health, is what clients see (and a replica's health snapshot right after a start is the old one).
    /// </summary>
    private async Task StartReplicaAsync(StartedAppHost appHost, CancellationToken cancellationToken)
    {
        var (servedBy, resource) = _stoppedReplica ?? throw new InvalidOperationException("No replica was stopped.");
        await appHost.ExecuteAsync(resource, KnownResourceCommands.StartCommand, cancellationToken);
        var deadline = Stopwatch.GetTimestamp() + (long)(ReplicaStartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            // Asked again until the gateway sends a request to the restarted replica.
            using var probe = ReplicaConnection.Create(target.Api);
            try
            {
                using var response = await probe.GetAsync("/alive", cancellationToken);
                if (ServedBy.Of(response.Headers) == servedBy)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The gateway tried the replica while it was still starting.
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{resource} did not serve again within {ReplicaStartTimeout.TotalSeconds}s of its start.");
            }

            await Task.Delay(ReplicaProbeInterval, cancellationToken);
        }
    }

    /// <summary>Places calls until the run has placed <c>events</c>; a failed attempt (a replica or Redis away) is retried.</summary>
    private async Task WriteAsync(HttpClient http, CancellationToken cancellationToken)
    {
        int call;
        while ((call = Interlocked.Increment(ref _placed)) <= events)
        {
            while (true)
            {
                try
                {
                    using var response = await http.PostAsync(CallPlacer.StartCallPath(call, "chaos"), null, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        lock (_servedBy)
                        {
                            var replica = ServedBy.Of(response.Headers) ?? "?";
                            _servedBy[replica] = _servedBy.GetValueOrDefault(replica) + 1;
                        }

                        break;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException || exception is TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    // A connection to a stopping replica; the retry opens a new one.
                }

                Interlocked.Increment(ref _failedAttempts);
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }

        Interlocked.Decrement(ref _placed);
    }
}
