using System.Globalization;

namespace CallCenter.Bench;

/// <summary>The scenario to run and its knobs, from <c>scenario --name value ...</c>.</summary>
public sealed record BenchArguments
{
    public const string Usage = """
        Usage: CallCenter.Bench <scenario> [options] [--api-url http://localhost:8000] [--api-key KEY]

          latency --rate 500 --sockets 1000 --seconds 20 [--warmup-seconds 60] [--connect direct|proxy]
              Cross-replica fan-out: sockets on replica B, POST /api/calls at a fixed rate through replica A.
          sockets --count 10000 [--connect direct|proxy]
              Idle sockets held by one replica: its memory per socket and whether it stays responsive.
          chaos --events 10000
              A resuming client while Redis and then its own replica are stopped and started: nothing lost or duplicated.
          kills [--seed 17]
              Issue 17's chaos: PostgreSQL ×5, Redis ×10 and an API replica ×10 killed (SIGKILL) in random order under
              steady writes and two resuming clients: writes lost, events lost, 5xx other than 503, slow answers, recovery.
          throughput [--seconds 10] [--warmup-seconds 20]
              Closed-loop req/s and p50/p99 of the API's reads (32 connections, direct to one replica) and writes
              (8 connections, the API's one address, PostgreSQL fsync on), each right after a bare ASP.NET Core
              baseline the bench starts (GET /json, POST /insert of one durable row): the ratios issue 11 asks for.
          acd [--agents 10] [--handle-seconds 1.5] [--lambda 5.33] [--calls 2500] [--warmup-calls 100] [--seed 17]
              Issue 12's ACD against queueing theory: Poisson calls at λ a second to one department, N simulated agents
              accepting at once with exponential handle times of mean h and no wrap-up. Probability of waiting and
              average speed of answer beside Erlang C and a perfect ACD fed the same calls; how often the longest-idle
              agent was offered; offer decision latency. λ defaults to 80 % occupancy (0.8 N / h).
          stats [--calls 1000000] [--days 30] [--rate 50] [--seconds 60] [--seed 17] [--setting Key=Value ...]
              Issue 13's reports: a month of a floor bulk-loaded (binary COPY) as the API stores it, then
              GET /api/stats/intervals (15m, 1d, a department, CSV) and /api/stats/now timed beside baselines of the same
              run, then the API replicas' CPU at --rate floor events/s for --seconds. --setting passes Key=Value to the
              AppHost (repeatable), e.g. a switch that turns the live figures off, for a run to compare with.
          webhooks [--rate 200] [--endpoints 5] [--seconds 20] [--warmup-seconds 60]
              Issue 15's webhook fan-out: call:new open loop at --rate through the API's one address, delivered to
              --endpoints receivers in this process; scheduled time -> delivery p50/p99, lost, duplicated, reordered.
          idempotency [--rate 50] [--seconds 30] [--warmup-seconds 3]
              Issue 15's cost of a key: POST /api/calls open loop at --rate through the API's one address (PostgreSQL
              durable), every other call with a fresh Idempotency-Key; p50/p99 of each kind and the difference, then
              200 keyed calls sent again, which must come back replayed.
          lists [--count 300000] [--seconds 8] [--warmup-seconds 2]
              Do the floor's lists stay fast as data grows? Ticket, call-history and customer pages and customer
              searches timed on the fresh database (the baseline), then again after --count tickets, ended calls and
              customers are bulk-loaded; p50/p99 side by side.

        --connect direct (the default) reaches each replica at its own address when its process is on this
        machine; proxy goes through the API's one address (in development DCP's proxy, which then costs CPU
        and two file descriptors per socket). The chaos scenario always uses the API's one address.
        Without --api-url the bench starts the AppHost itself (Local mode, throw-away data, 2 API replicas).
        chaos, kills and throughput need that: they stop parts of it, or write into its database.
        --api-key (default: the CALLCENTER_API_KEY environment variable) is sent as Authorization: Bearer KEY on
        every request and socket upgrade; an AppHost the bench starts gets it (or a fresh one) as its api-key
        parameter, and the bench uses whatever that parameter then holds.
        """;

    public required string Scenario { get; init; }

    /// <summary>An already-running system; null means the bench starts the AppHost itself.</summary>
    public Uri? ApiUrl { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>Reach replicas at their own addresses rather than through the proxy in front of them.</summary>
    public bool Direct { get; init; } = true;

    public int Rate { get; init; } = 500;

    public int Sockets { get; init; } = 1000;

    /// <summary>Webhook endpoints the webhooks scenario registers, each for every event.</summary>
    public int Endpoints { get; init; } = 5;

    public int Seconds { get; init; } = 20;

    public int WarmupSeconds { get; init; } = 5;

    public int Count { get; init; } = 10_000;

    public int Events { get; init; } = 10_000;

    public int Seed { get; init; } = 17;

    /// <summary>The <c>acd</c> scenario's occupancy when no λ is given: busy enough that a fair share of calls wait.</summary>
    public const double DefaultOccupancy = 0.8;

    public int Agents { get; init; } = 10;

    public double HandleSeconds { get; init; } = 1.5;

    /// <summary>λ, calls a second; null means <see cref="DefaultOccupancy"/> of what the agents can handle.</summary>
    public double? ArrivalRate { get; init; }

    public double ArrivalsPerSecond => ArrivalRate ?? DefaultOccupancy * Agents / HandleSeconds;

    /// <summary>Calls measured, after <see cref="WarmupCalls"/> that bring the queue from empty to its usual state.</summary>
    public int Calls { get; init; } = 2500;

    public int WarmupCalls { get; init; } = 100;

    public int Days { get; init; } = 30;

    /// <summary>More AppHost settings (<c>Key=Value</c>, given as <c>--Key=Value</c>) for an AppHost the bench starts.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    public static BenchArguments? Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not ("latency" or "sockets" or "chaos" or "kills" or "throughput" or "acd" or "stats" or "webhooks" or "idempotency" or "lists"))
        {
            return null;
        }

        var parsed = new BenchArguments { Scenario = args[0], ApiKey = NonEmpty(Environment.GetEnvironmentVariable("CALLCENTER_API_KEY")) };
        if (parsed.Scenario == "latency")
        {
            // The targets are the steady state. Measured 5 s into a fresh AppHost's load, the replicas were still
            // compiling (the webhooks scenario's reason, below): 100/s to 1,000 sockets had p99 889 ms then, 173 ms
            // after 60 s (bench/README.md, session 19).
            parsed = parsed with { WarmupSeconds = 60 };
        }
        else if (parsed.Scenario == "throughput")
        {
            // Ten measured seconds per row keep the ten rows short. The warm-up is for the replica, not the loop: 8-18 s
            // into a list's first load the JIT still had a quarter of the replica's CPU samples, and none after 45 s.
            parsed = parsed with { Seconds = 10, WarmupSeconds = 20 };
        }
        else if (parsed.Scenario == "webhooks")
        {
            // Issue 15's load: 200 events a second to 5 endpoints. The target is the steady state: after 3 s of load a
            // fresh AppHost's replicas were still compiling and filling pools, and p99 ranged 0.27-12 s (bench/README.md,
            // session 17). Under this load a replica's JIT ran 2.6-3.9 s in every 5 s for the first 45 s, then under
            // 0.5 s (dotnet-counters, session 19): 60 s of warm-up measure the replicas after it.
            parsed = parsed with { Rate = 200, Seconds = 20, WarmupSeconds = 60 };
        }
        else if (parsed.Scenario == "idempotency")
        {
            // A steady floor's write rate, well under what the box sustains, so the key's own cost shows.
            parsed = parsed with { Rate = 50, Seconds = 30, WarmupSeconds = 3 };
        }
        else if (parsed.Scenario == "lists")
        {
            // About a year of tickets at 1,000 a day, or a month at 10,000.
            parsed = parsed with { Count = 300_000, Seconds = 8, WarmupSeconds = 2 };
        }
        else if (parsed.Scenario == "stats")
        {
            // A month of a busy floor, and issue 13's live rate for a minute.
            parsed = parsed with { Calls = 1_000_000, Rate = 50, Seconds = 60 };
        }

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
                "--api-key" => parsed with { ApiKey = NonEmpty(value) ?? throw new FormatException("--api-key is empty.") },
                "--connect" => parsed with
                {
                    Direct = value switch
                    {
                        "direct" => true,
                        "proxy" => false,
                        _ => throw new FormatException($"--connect {value}: use direct or proxy."),
                    },
                },
                "--rate" => parsed with { Rate = Positive(value) },
                "--sockets" => parsed with { Sockets = Positive(value) },
                "--endpoints" => parsed with { Endpoints = Positive(value) },
                "--seconds" => parsed with { Seconds = Positive(value) },
                "--warmup-seconds" => parsed with { WarmupSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--count" => parsed with { Count = Positive(value) },
                "--events" => parsed with { Events = Positive(value) },
                "--seed" => parsed with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--agents" => parsed with { Agents = Positive(value) },
                "--handle-seconds" => parsed with { HandleSeconds = PositiveReal(value) },
                "--lambda" => parsed with { ArrivalRate = PositiveReal(value) },
                "--calls" => parsed with { Calls = Positive(value) },
                "--warmup-calls" => parsed with { WarmupCalls = NonNegative(value) },
                "--days" => parsed with { Days = Positive(value) },
                "--setting" => parsed with { Settings = [.. parsed.Settings, value.Contains('=', StringComparison.Ordinal) ? $"--{value}" : throw new FormatException($"--setting {value}: use Key=Value.")] },
                _ => null,
            };
            if (parsed is null)
            {
                return null;
            }
        }

        if (parsed.Scenario == "acd" && parsed.ArrivalsPerSecond * parsed.HandleSeconds >= parsed.Agents)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"λ {parsed.ArrivalsPerSecond:F2}/s × h {parsed.HandleSeconds:F2} s = {parsed.ArrivalsPerSecond * parsed.HandleSeconds:F2} erlangs: "
                + $"{parsed.Agents} agents could never catch up. Lower --lambda or --handle-seconds, or add --agents."));
        }

        return parsed;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int NonNegative(string value)
    {
        var number = int.Parse(value, CultureInfo.InvariantCulture);
        return number >= 0 ? number : throw new FormatException($"{value} is negative.");
    }

    private static double PositiveReal(string value)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return double.IsFinite(number) && number > 0 ? number : throw new FormatException($"{value} is not a positive number.");
    }

    private static int Positive(string value)
    {
        var number = int.Parse(value, CultureInfo.InvariantCulture);
        return number > 0 ? number : throw new FormatException($"{value} is not a positive number.");
    }
}
