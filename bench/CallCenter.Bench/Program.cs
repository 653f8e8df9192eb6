using CallCenter.Bench;
using CallCenter.Bench.Scenarios;
using CallCenter.Bench.Target;

BenchArguments? arguments;
try
{
    arguments = BenchArguments.Parse(args);
}
catch (FormatException exception)
{
    Console.Error.WriteLine(exception.Message);
    arguments = null;
}

if (arguments is null)
{
    Console.Error.WriteLine(BenchArguments.Usage);
    return 2;
}

// Ctrl+C stops the scenario; the AppHost (and every process it started) is then stopped on the way out.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Console.Error.WriteLine($"Interrupted ({e.SpecialKey}): stopping.");
    interrupted.Cancel();
};

// Only the throughput and idempotency scenarios measure durable writes; the others keep the tests' fsync-off PostgreSQL.
// The acd scenario needs the ACD to behave as its model assumes (no wrap-up, automatic offers); the stats scenario
// the center's time zone and departments served by hand.
IReadOnlyList<string> settings = arguments.Scenario switch
{
    "acd" => AcdQueueing.AppHostSettings,
    "stats" => StatsReports.AppHostSettings,
    "webhooks" => WebhookFanOut.AppHostSettings,
    _ => [],
};
await using var target = await CallCenterTarget.StartOrAttachAsync(
    arguments.ApiUrl, arguments.ApiKey, durable: arguments.Scenario is "throughput" or "idempotency", [.. settings, .. arguments.Settings], interrupted.Token);
if (await target.RefusalAsync(interrupted.Token) is { } refusal)
{
    Console.Error.WriteLine(refusal);
    return 2;
}

return arguments.Scenario switch
{
    "latency" => await new FanOutLatency(target, arguments.Direct, arguments.Rate, arguments.Sockets, arguments.Seconds, arguments.WarmupSeconds).RunAsync(interrupted.Token),
    "throughput" => await new Throughput(target, arguments.Seconds, arguments.WarmupSeconds).RunAsync(interrupted.Token),
    "kills" => await new KillChaos(target, arguments.Seed).RunAsync(interrupted.Token),
    "acd" => await new AcdQueueing(target, arguments.Agents, arguments.ArrivalsPerSecond, arguments.HandleSeconds, arguments.Calls, arguments.WarmupCalls, arguments.Seed)
        .RunAsync(interrupted.Token),
    "stats" => await new StatsReports(target, arguments.Calls, arguments.Days, arguments.Rate, arguments.Seconds, arguments.Seed).RunAsync(interrupted.Token),
    "webhooks" => await new WebhookFanOut(target, arguments.Rate, arguments.Endpoints, arguments.Seconds, arguments.WarmupSeconds).RunAsync(interrupted.Token),
    "idempotency" => await new IdempotentWrites(target, arguments.Rate, arguments.Seconds, arguments.WarmupSeconds).RunAsync(interrupted.Token),
    "lists" => await new ListsAtScale(target, arguments.Count, arguments.Seconds, arguments.WarmupSeconds).RunAsync(interrupted.Token),
    "sockets" => await new IdleSockets(target, arguments.Direct, arguments.Count).RunAsync(interrupted.Token),
    _ => await new ChaosStream(target, arguments.Events).RunAsync(interrupted.Token),
};
