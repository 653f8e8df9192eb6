using System.Diagnostics;
using System.Globalization;
using CallCenter.Bench.Clients;
using CallCenter.Bench.Reporting;
using CallCenter.Bench.Target;

namespace CallCenter.Bench.Scenarios;

/// <summary>
/// What an <c>Idempotency-Key</c> costs a write (issue 15): <c>POST /api/calls</c> open loop at a fixed rate through the
/// API's one address, every other call with a fresh key, so both kinds share the same moments of the machine's load.
/// Latency counts from each call's scheduled time. Then a sample of the keyed calls is sent again and must be replayed.
/// </summary>
public sealed class IdempotentWrites(CallCenterTarget target, int rate, int seconds, int warmupSeconds)
{
    private const int WriterConnections = 16;

    private const int Replays = 200;

    private const double TargetAddedP50Ms = 1;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var calls = rate * seconds;
        var runTag = $"keys{Random.Shared.Next(0x10000):x4}";
        Console.WriteLine($"Idempotent writes: POST /api/calls at {rate}/s for {seconds}s ({calls:N0}), every other one with an Idempotency-Key; PostgreSQL durable.");
        Console.WriteLine($"At start: {MachineLoad.LoadAverage()}");

        using var placer = await CallPlacer.OpenAsync(target.Api, WriterConnections, _ => true, cancellationToken);
        await PlaceAsync(placer, Math.Max(2, rate * warmupSeconds), $"warmup-{runTag}", cancellationToken);

        var cpu = CpuWindow.Start(ProcessGroups.Find(target.AppHost is not null, []));
        var (placed, start) = await PlaceAsync(placer, calls, runTag, cancellationToken);
        var usage = cpu.Stop();

        var replays = new List<PlacedCall>(Replays);
        var every = 2 * Math.Max(1, calls / (2 * Replays));
        for (var i = 1; i < calls && replays.Count < Replays; i += every)
        {
            replays.Add(await placer.PlaceAsync(i, $"{runTag}-{i}", KeyOf(runTag, i), cancellationToken));
        }

        return Report(placed, start, replays, usage) ? 0 : 1;
    }

    private static string? KeyOf(string runTag, int call) => call % 2 == 1 ? $"{runTag}-{call}" : null;

    private Task<(PlacedCall[] Placed, long Start)> PlaceAsync(CallPlacer placer, int count, string runTag, CancellationToken cancellationToken) =>
        OpenLoop.PlaceOnScheduleAsync(rate, count, i => placer.PlaceAsync(i, $"{runTag}-{i}", KeyOf(runTag, i), cancellationToken), cancellationToken);

    /// <summary>Prints the figures; true when every call and replay worked and the key added at most the target at p50.</summary>
    private bool Report(PlacedCall[] placed, long start, List<PlacedCall> replays, string cpu)
    {
        float FromDue(int i) => (float)(Stopwatch.GetElapsedTime(start, placed[i].AnsweredAt).TotalMilliseconds - i * 1000.0 / rate);
        var plain = new Distribution([.. Enumerable.Range(0, placed.Length).Where(i => i % 2 == 0 && placed[i].Ok).Select(FromDue)]);
        var keyed = new Distribution([.. Enumerable.Range(0, placed.Length).Where(i => i % 2 == 1 && placed[i].Ok).Select(FromDue)]);
        var replayed = new Distribution([.. replays.Where(r => r.Ok).Select(r => (float)Stopwatch.GetElapsedTime(r.SentAt, r.AnsweredAt).TotalMilliseconds)]);
        var added = keyed.Percentile(50) - plain.Percentile(50);
        var failed = placed.Count(p => !p.Ok) + replays.Count(r => !r.Ok || !r.Replayed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            Calls: {placed.Count(p => p.Ok):N0} of {placed.Length:N0} answered 2xx{PlacedCall.Failures(placed)}
            Scheduled time -> answer, without a key: {plain.Summary()}
            Scheduled time -> answer, with a key:    {keyed.Summary()}
            Replays of keyed calls (sent one at a time): {replays.Count(r => r.Ok && r.Replayed)} of {replays.Count} answered 2xx with Idempotent-Replayed: true; {replayed.Summary()}
            Added by the key at p50: {added:F2} ms (p90 {keyed.Percentile(90) - plain.Percentile(90):F2} ms, p99 {keyed.Percentile(99) - plain.Percentile(99):F2} ms)
            CPU over the run: {cpu}
            At end: {MachineLoad.LoadAverage()}
            Target: a key adds <= {TargetAddedP50Ms} ms at p50: {(added <= TargetAddedP50Ms && failed == 0 ? "met" : "NOT met")}
            """));
        return failed == 0 && added <= TargetAddedP50Ms;
    }
}
