using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using CallCenter.Bench.Clients;
using CallCenter.Bench.Reporting;
using CallCenter.Bench.Target;

namespace CallCenter.Bench.Scenarios;

/// <summary>
/// Webhook fan-out (issue 15): <c>call:new</c> events caused open loop at a fixed rate through the API's one address,
/// each delivered to every one of several endpoints registered for it, received in this process. Latency counts from
/// each call's <b>scheduled</b> time to its delivery's arrival, so falling behind the offered rate shows; every
/// endpoint must get every event once, in event order.
/// </summary>
public sealed class WebhookFanOut(CallCenterTarget target, int rate, int endpoints, int seconds, int warmupSeconds)
{
    /// <summary>The API's receivers are on loopback, which webhooks refuse unless allowed.</summary>
    public static readonly IReadOnlyList<string> AppHostSettings = ["--Webhooks:AllowedHosts:0=127.0.0.1"];

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    private const int WriterConnections = 32;

    private const double TargetP99Ms = 250;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var calls = rate * seconds;
        var warmupCalls = Math.Max(1, rate * warmupSeconds);
        var runTag = $"hooks{Random.Shared.Next(0x10000):x4}";
        Console.WriteLine($"Webhook fan-out: {rate}/s call:new events for {seconds}s ({calls:N0}) to {endpoints} endpoints ({calls * endpoints:N0} deliveries).");
        Console.WriteLine($"At start: {MachineLoad.LoadAverage()}");

        var tallies = Enumerable.Range(0, endpoints).Select(_ => new SocketTally(calls, $"{runTag}-", $"warmup-{runTag}-")).ToArray();
        await using var receivers = await WebhookReceivers.StartAsync(tallies, cancellationToken);
        using (var admin = target.Api.CreateClient(new SocketsHttpHandler(), TimeSpan.FromSeconds(30)))
        {
            for (var endpoint = 0; endpoint < endpoints; endpoint++)
            {
                using var created = await admin.PostAsJsonAsync("/api/webhooks", new { url = receivers.UrlOf(endpoint), event_types = new[] { "call:new" } }, cancellationToken);
                created.EnsureSuccessStatusCode();
            }
        }

        using var placer = await CallPlacer.OpenAsync(target.Api, WriterConnections, _ => true, cancellationToken);
        Console.WriteLine($"Warm-up: {warmupCalls:N0} calls, until every endpoint has the last one...");
        await OpenLoop.PlaceOnScheduleAsync(placer, rate, warmupCalls, i => $"warmup-{runTag}-{i}", cancellationToken);
        await OpenLoop.WaitUntilAsync(() => tallies.All(t => t.WarmupSeen == warmupCalls - 1), DrainTimeout, cancellationToken);

        var cpu = CpuWindow.Start(ProcessGroups.Find(target.AppHost is not null, []));
        var (placed, start) = await OpenLoop.PlaceOnScheduleAsync(placer, rate, calls, i => $"{runTag}-{i}", cancellationToken);
        var expected = placed.Count(p => p.Ok);
        await OpenLoop.WaitUntilAsync(() => tallies.All(t => t.Received >= expected), DrainTimeout, cancellationToken);
        var usage = cpu.Stop();
        return Report(placed, start, tallies, usage) ? 0 : 1;
    }

    /// <summary>Prints the figures; true when nothing was lost, repeated or reordered and the targets were met.</summary>
    private bool Report(PlacedCall[] placed, long start, SocketTally[] tallies, string cpu)
    {
        var ok = Enumerable.Range(0, placed.Length).Where(i => placed[i].Ok).ToArray();
        var fromDue = new List<float>(ok.Length * tallies.Length);
        var fromEvent = new List<float>(ok.Length * tallies.Length);
        long lost = 0;
        var lastArrival = start;
        foreach (var tally in tallies)
        {
            foreach (var i in ok)
            {
                if (tally.ArrivedAt[i] == 0)
                {
                    lost++;
                    continue;
                }

                lastArrival = Math.Max(lastArrival, tally.ArrivedAt[i]);
                fromDue.Add((float)(Stopwatch.GetElapsedTime(start, tally.ArrivedAt[i]).TotalMilliseconds - i * 1000.0 / rate));
                if (float.IsFinite(tally.SinceCommitMs[i]))
                {
                    fromEvent.Add(tally.SinceCommitMs[i]);
                }
            }
        }

        var due = new Distribution([.. fromDue]);
        var delivered = fromDue.Count;
        var span = Stopwatch.GetElapsedTime(start, lastArrival).TotalSeconds;
        var achieved = span > 0 ? delivered / span / tallies.Length : 0;
        var duplicates = tallies.Sum(t => t.Duplicates);
        var reordered = tallies.Sum(t => t.IdsBackwards);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            Calls placed: {ok.Length:N0} of {placed.Length:N0}{PlacedCall.Failures(placed)}
            Deliveries: {delivered:N0} of {ok.Length * tallies.Length:N0}; lost {lost:N0}, duplicated {duplicates:N0}, out of order {reordered:N0}
            Achieved per endpoint: {achieved:F1} events/s of {rate} offered ({achieved / rate:P1})
            Scheduled time -> delivery: {due.Summary()}
            Event ts -> delivery:       {new Distribution([.. fromEvent]).Summary()}
            CPU over the run: {cpu}
            At end: {MachineLoad.LoadAverage()}
            Target: p99 from the scheduled time <= {TargetP99Ms} ms at {rate}/s to {tallies.Length} endpoints: {(due.Percentile(99) <= TargetP99Ms && lost == 0 ? "met" : "NOT met")}
            """));
        return lost == 0 && duplicates == 0 && reordered == 0 && due.Percentile(99) <= TargetP99Ms;
    }
}
