using System.Globalization;

namespace CallCenter.Bench;

/// <summary>The scenario to run and its knobs, from <c>scenario --name value ...</c>.</summary>
public sealed record BenchArguments
{
    public const string Usage = """
        Usage: CallCenter.Bench <scenario> [options] [--api-url http://localhost:8000]

          latency --rate 500 --sockets 1000 --seconds 20 [--warmup-seconds 5]
              Cross-replica fan-out: sockets on replica B, POST /api/calls at a fixed rate through replica A.
          sockets --count 10000
              Idle sockets held by one replica: its memory per socket and whether it stays responsive.
          chaos --events 10000
              A resuming client while Redis and then its own replica are stopped and started: nothing lost or duplicated.

        Without --api-url the bench starts the AppHost itself (Local mode, throw-away data, 2 API replicas).
        """;

    public required string Scenario { get; init; }

    /// <summary>An already-running system; null means the bench starts the AppHost itself.</summary>
    public Uri? ApiUrl { get; init; }

    public int Rate { get; init; } = 500;

    public int Sockets { get; init; } = 1000;

    public int Seconds { get; init; } = 20;

    public int WarmupSeconds { get; init; } = 5;

    public int Count { get; init; } = 10_000;

    public int Events { get; init; } = 10_000;

    public static BenchArguments? Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not ("latency" or "sockets" or "chaos"))
        {
            return null;
        }

        var parsed = new BenchArguments { Scenario = args[0] };
        for (var i = 1; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                return null;
            }

            var value = args[i + 1];
            parsed = args[i] switch
            {
                "--api-url" => parsed with { ApiUrl = new Uri(value) },
                "--rate" => parsed with { Rate = Positive(value) },
                "--sockets" => parsed with { Sockets = Positive(value) },
                "--seconds" => parsed with { Seconds = Positive(value) },
                "--warmup-seconds" => parsed with { WarmupSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--count" => parsed with { Count = Positive(value) },
                "--events" => parsed with { Events = Positive(value) },
                _ => null,
            };
            if (parsed is null)
            {
                return null;
            }
        }

        return parsed;
    }

    private static int Positive(string value)
    {
        var number = int.Parse(value, CultureInfo.InvariantCulture);
        return number > 0 ? number : throw new FormatException($"{value} is not a positive number.");
    }
}
