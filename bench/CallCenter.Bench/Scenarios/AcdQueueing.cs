using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using CallCenter.Bench.Clients;
using CallCenter.Bench.Queueing;
using CallCenter.Bench.Reporting;
using CallCenter.Bench.Target;

namespace CallCenter.Bench.Scenarios;

/// <summary>
/// Issue 12's benchmark: an ACD that wastes no agent behaves as queueing theory says. Calls arrive at Poisson times
/// (rate λ, open loop) and are routed to one department whose N agents are simulated: each accepts an offer at once
/// and hangs up an exponential handle time (mean h) after it was offered, with no wrap-up. The waits the server
/// stamped (offered_at − queued_at) give the probability of waiting and the average speed of answer, printed beside
/// Erlang C for (λ, h, N) and beside a perfect ACD fed this run's own arrivals and handle times. The event stream
/// says, at every offer, whether the agent offered was the one idle longest, and how long the decision took.
/// </summary>
public sealed class AcdQueueing(CallCenterTarget target, int agents, double arrivalsPerSecond, double handleSeconds, int calls, int warmupCalls, int seed)
{
    public const string Department = "support";

    private const string Offline = "offline";

    /// <summary>
    /// What the model assumes: the agent free again the moment a call ends, and an offer that rings long enough
    /// for an accept on a loaded machine never to expire.
    /// </summary>
    public static readonly IReadOnlyList<string> AppHostSettings =
        ["--Acd:WrapUpSeconds=0", "--Acd:RingTimeoutSeconds=30", $"--Acd:Departments:{Department}:Mode=auto"];

    private const double Tolerance = 0.20;
    private const double LongestIdleTarget = 0.99;
    private static readonly TimeSpan DecisionTarget = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// A call offered within this long of joining the queue counts as not having waited: twice the decision-latency
    /// target, so a call that found a free agent is not counted as waiting on a loaded machine. Erlang C's own
    /// P(W &gt; t) = C·e^(−(N−A)t/h) is the prediction it is held against, so the genuine short waits it leaves out are
    /// left out of the prediction too.
    /// </summary>
    private static readonly TimeSpan WaitThreshold = 2 * DecisionTarget;

    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The most the agents hang up early to make up for the time an end takes to commit (see <see cref="_hangUpLead"/>).</summary>
    private static readonly TimeSpan MaxHangUpLead = TimeSpan.FromMilliseconds(500);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly ConcurrentDictionary<string, int> _callIndex = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failureDetails = new();
    private readonly ConcurrentQueue<float> _acceptMs = new();
    private readonly ConcurrentQueue<float> _endMs = new();
    private readonly ConcurrentQueue<string> _socketDrops = new();
    private readonly List<Task> _answering = [];
    private CallRecord[] _calls = [];
    private double[] _handle = [];
    private AcdFloorLog _floor = new([]);
    private HttpClient _http = null!;
    private int _ended;
    private int _foreignOffers;
    private int _syncResets;

    /// <summary>
    /// How much earlier than its handle time an agent sends its end, in seconds: a running mean of how late the
    /// agent's return to available came after the time it aimed at. Without it every call would keep its agent the
    /// end's round trip longer than h, and at 80 % occupancy 3 % more handle time is a third more waiting.
    /// </summary>
    private double _hangUpLead;

    private sealed class CallRecord
    {
        public long DueAt { get; init; }

        public long SentAt { get; set; }

        public string? CallId { get; set; }

        public DateTime? QueuedAt { get; set; }

        /// <summary>Written by the socket's reader only.</summary>
        public int Offers { get; set; }

        public OfferSeen? FirstOffer { get; set; }

        public TimeSpan? Busy { get; set; }

        /// <summary>The agent hung up when it meant to, not late because the accept took longer than the handle time.</summary>
        public volatile bool HungUpOnSchedule;
    }

    private sealed record Frame(long Id, string Type, JsonElement Data);

    private sealed record OfferedData(string CallId, string AgentId, DateTime OfferedAt);

    private sealed record ActivityData(string AgentId, string Activity, DateTime ActivitySince);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var theory = ErlangC.For(agents, arrivalsPerSecond, handleSeconds);
        var total = warmupCalls + calls;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ACD against Erlang C: λ {arrivalsPerSecond:F3}/s, h {handleSeconds:F2} s, N {agents} agents in '{Department}' "
            + $"(A {theory.OfferedLoad:F2} erlangs, occupancy {theory.Occupancy:P0}); {warmupCalls:N0} warm-up + {calls:N0} measured calls "
            + $"(≈ {total / arrivalsPerSecond / 60:F1} min), seed {seed}."));
        Console.WriteLine($"At start: {MachineLoad.LoadAverage()}");

        using var http = target.Api.CreateClient(
            new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10), UseProxy = false },
            RequestTimeout);
        _http = http;
        if (await ConfigurationRefusalAsync(cancellationToken) is { } refusal)
        {
            Console.WriteLine(refusal);
            return 2;
        }

        var random = new Random(seed);
        var arrivals = new double[total];
        _handle = new double[total];
        for (var i = 0; i < total; i++)
        {
            arrivals[i] = (i == 0 ? 0 : arrivals[i - 1]) + Exponential(random, 1 / arrivalsPerSecond);
            _handle[i] = Exponential(random, handleSeconds);
        }

        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task reader;
        using (var setup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            setup.CancelAfter(SetupTimeout);
            var startAfter = await StreamPosition.LastEventIdAsync(http, setup.Token);
            var pool = await ClearTheFloorAsync(setup.Token);
            _floor = new AcdFloorLog(pool);
            reader = ReadEventsAsync(startAfter, reading.Token);
            // One after the other, so each has an idle time of its own and the first offers have one right answer.
            foreach (var agent in pool)
            {
                await SetActivityAsync(agent, AcdFloorLog.Available, setup.Token);
            }

            while (_floor.AvailableCount < agents)
            {
                await Task.Delay(20, setup.Token);
            }

            Console.WriteLine($"Agents: {string.Join(", ", pool)} available; every other agent offline.");
        }

        var replicas = await ReplicaNamesAsync(cancellationToken);
        var cpu = CpuWindow.Start(ProcessGroups.Find(target.AppHost is not null, [.. replicas.Select((name, i) => ($"replica {(char)('A' + i)}", name))]));
        var started = Stopwatch.GetTimestamp();
        _calls = [.. arrivals.Select(offset => new CallRecord { DueAt = started + (long)(offset * Stopwatch.Frequency) })];
        var placing = new Task[total];
        for (var i = 0; i < total; i++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _calls[i].DueAt);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            placing[i] = PlaceAsync(i, cancellationToken);
            if ((i + 1) % 500 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {Stopwatch.GetElapsedTime(started).TotalSeconds,6:F0}s  {i + 1:N0} calls placed, {Volatile.Read(ref _ended):N0} ended, hang-up lead {Volatile.Read(ref _hangUpLead) * 1000:F0} ms"));
            }
        }

        await Task.WhenAll(placing);
        var queued = _calls.Count(call => call.QueuedAt is not null);
        var drained = Stopwatch.StartNew();
        while (Volatile.Read(ref _ended) < queued && drained.Elapsed < DrainTimeout)
        {
            await Task.Delay(50, cancellationToken);
        }

        // The last agent's return to available follows its end's answer by a moment.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var usage = cpu.Stop();
        await reading.CancelAsync();
        await reader;
        await Task.WhenAll(_answering).WaitAsync(RequestTimeout, CancellationToken.None);
        return Report(theory, arrivals, usage);
    }

    private static double Exponential(Random random, double mean) => -Math.Log(1 - random.NextDouble()) * mean;

    /// <summary>Null when the API serves the department as the model needs (offers automatically, no wrap-up); else why not.</summary>
    private async Task<string?> ConfigurationRefusalAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("/api/acd", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return $"GET /api/acd answered {(int)response.StatusCode}: this API has no ACD (issue 12) to measure.";
        }

        var acd = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        var department = acd?["departments"]?.AsArray().FirstOrDefault(d => d?["department"]?.GetValue<string>() == Department);
        var mode = department?["mode"]?.GetValue<string>();
        var wrapUp = department?["wrap_up_seconds"]?.GetValue<int>() ?? acd?["wrap_up_seconds"]?.GetValue<int>();
        var ring = acd?["ring_timeout_seconds"]?.GetValue<int>();
        Console.WriteLine($"ACD: '{Department}' {mode ?? "?"}, wrap-up {wrapUp?.ToString(CultureInfo.InvariantCulture) ?? "?"} s, ring timeout {ring?.ToString(CultureInfo.InvariantCulture) ?? "?"} s.");
        return mode == "auto" && wrapUp == 0
            ? null
            : $"The model needs '{Department}' offered automatically with no wrap-up (the bench's own AppHost is started with {string.Join(' ', AppHostSettings)}).";
    }

    /// <summary>Every agent offline, then the run's N agents: the department's first, and new ones made through the People API.</summary>
    private async Task<List<string>> ClearTheFloorAsync(CancellationToken cancellationToken)
    {
        var all = new List<JsonNode>();
        for (var offset = 0; ; offset += 200)
        {
            var page = await _http.GetFromJsonAsync<JsonObject>($"/api/agents?limit=200&offset={offset}", cancellationToken)
                ?? throw new InvalidOperationException("GET /api/agents answered nothing.");
            var agentsPage = page["agents"]!.AsArray();
            all.AddRange(agentsPage.OfType<JsonNode>());
            if (agentsPage.Count < 200)
            {
                break;
            }
        }

        foreach (var agent in all.Where(agent => agent["activity"]?.GetValue<string>() != Offline))
        {
            await SetActivityAsync(agent["agent_id"]!.GetValue<string>(), Offline, cancellationToken);
        }

        var pool = all.Where(agent => agent["department"]?.GetValue<string>() == Department)
            .Select(agent => agent["agent_id"]!.GetValue<string>())
            .Order(StringComparer.Ordinal)
            .Take(agents)
            .ToList();
        var tag = Random.Shared.Next(0x10000).ToString("x4", CultureInfo.InvariantCulture);
        while (pool.Count < agents)
        {
            using var created = await _http.PostAsJsonAsync("/api/people", new
            {
                user_name = $"acd-bench-{tag}-{pool.Count + 1}",
                display_name = $"ACD bench agent {pool.Count + 1}",
                role = "agent",
                department = Department,
            }, cancellationToken);
            var body = await created.Content.ReadAsStringAsync(cancellationToken);
            var agentId = created.IsSuccessStatusCode
                ? JsonNode.Parse(body)?["person"]?["agent_id"]?.GetValue<string>() ?? throw new InvalidOperationException($"POST /api/people gave no agent: {body}")
                : throw new InvalidOperationException($"POST /api/people answered {(int)created.StatusCode}: {body}");
            pool.Add(agentId);

            // A new desk may open in any activity; the run makes its agents available from offline, in its own order.
            var desk = await _http.GetFromJsonAsync<JsonObject>($"/api/agents/{agentId}", cancellationToken);
            if (desk?["activity"]?.GetValue<string>() != Offline)
            {
                await SetActivityAsync(agentId, Offline, cancellationToken);
            }
        }

        return pool;
    }

    private async Task SetActivityAsync(string agentId, string activity, CancellationToken cancellationToken)
    {
        using var response = await _http.PatchAsJsonAsync($"/api/agents/{agentId}/activity", new { activity }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"PATCH /api/agents/{agentId}/activity {activity} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>The replicas' names, for the CPU figures: the gateway picks one per request, so a few fresh connections find them all.</summary>
    private async Task<List<string>> ReplicaNamesAsync(CancellationToken cancellationToken)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < 16; attempt++)
        {
            using var client = ReplicaConnection.Create(target.Api);
            using var response = await client.GetAsync("/alive", cancellationToken);
            if (ServedBy.Of(response.Headers) is { } name)
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    /// <summary>One caller: the call is started, then routed, so it joins the queue at about its Poisson time.</summary>
    private async Task PlaceAsync(int index, CancellationToken cancellationToken)
    {
        var call = _calls[index];
        call.SentAt = Stopwatch.GetTimestamp();
        var started = await PostAsync(CallPlacer.StartCallPath(index, "ACD bench"), null, "POST /api/calls", cancellationToken);
        if (started?["call_id"]?.GetValue<string>() is not { } callId)
        {
            return;
        }

        _callIndex[callId] = index;
        call.CallId = callId;
        var routed = await PostAsync($"/api/calls/{callId}/route", new { department = Department }, "POST /api/calls/{id}/route", cancellationToken);
        call.QueuedAt = routed?["call"]?["queued_at"]?.GetValue<DateTime>();
    }

    /// <summary>A simulated agent: accepts at once, then hangs up the call's handle time after it was offered.</summary>
    private async Task AnswerAsync(OfferedData offer, double handle, CancellationToken cancellationToken)
    {
        var sent = Stopwatch.GetTimestamp();
        var accepted = await PostAsync($"/api/calls/{offer.CallId}/accept", new { agent_id = offer.AgentId }, "POST /api/calls/{id}/accept", cancellationToken);
        _acceptMs.Enqueue((float)Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        if (accepted is null)
        {
            return;
        }

        // Server and bench share the clock here (one machine); against a remote API its skew would shift every hang-up.
        var hangUpAt = offer.OfferedAt + TimeSpan.FromSeconds(handle - Volatile.Read(ref _hangUpLead));
        var wait = hangUpAt - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            if (_callIndex.TryGetValue(offer.CallId, out var index))
            {
                _calls[index].HungUpOnSchedule = true;
            }

            await Task.Delay(wait, cancellationToken);
        }

        sent = Stopwatch.GetTimestamp();
        var ended = await PostAsync($"/api/calls/{offer.CallId}/end", null, "POST /api/calls/{id}/end", cancellationToken);
        _endMs.Enqueue((float)Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        if (ended is not null)
        {
            Interlocked.Increment(ref _ended);
        }
    }

    /// <summary>The answer's JSON, or null after counting the failure (an HTTP status, or the exception's name).</summary>
    private async Task<JsonObject?> PostAsync(string path, object? body, string what, CancellationToken cancellationToken)
    {
        try
        {
            using var response = body is null
                ? await _http.PostAsync(path, null, cancellationToken)
                : await _http.PostAsJsonAsync(path, body, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return JsonNode.Parse(text)?.AsObject();
            }

            Fail($"{what} → {(int)response.StatusCode}", $"{path} → {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
        }
        catch (Exception exception) when (exception is HttpRequestException || exception is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Fail($"{what} → {exception.GetType().Name}", $"{path}: {exception.Message}");
        }

        return null;
    }

    private void Fail(string outcome, string detail)
    {
        if (_failures.AddOrUpdate(outcome, 1, (_, count) => count + 1) == 1)
        {
            _failureDetails.Enqueue(detail);
        }
    }

    /// <summary>One admin socket for the whole run; a dropped one resumes after the last event it had, so nothing is missed or seen twice.</summary>
    private async Task ReadEventsAsync(long after, CancellationToken cancellationToken)
    {
        var last = after;
        while (!cancellationToken.IsCancellationRequested)
        {
            LiveUpdateSocket socket;
            try
            {
                socket = await LiveUpdateSocket.ConnectAsync(target.Api, $"last_event_id={last}", cancellationToken);
            }
            catch (Exception exception) when (exception is WebSocketException or HttpRequestException || exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(100, CancellationToken.None);
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using (socket)
            {
                var reason = await socket.ReceiveAsync((frame, _) =>
                {
                    var id = EventFrame.Id(frame);
                    if (id > last)
                    {
                        last = id;
                        OnFrame(frame, cancellationToken);
                    }
                    else if (id < 0)
                    {
                        OnFrame(frame, cancellationToken);
                    }
                }, cancellationToken);
                if (!cancellationToken.IsCancellationRequested)
                {
                    _socketDrops.Enqueue(reason);
                }
            }
        }
    }

    private void OnFrame(ReadOnlySpan<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            Handle(JsonSerializer.Deserialize<Frame>(bytes, Json), DateTime.UtcNow, cancellationToken);
        }
        catch (JsonException exception)
        {
            // Counted and shown, rather than ending the socket's reader and with it the run's view of the floor.
            Fail("unreadable event", $"{exception.Message}: {System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 300)])}");
        }
    }

    private void Handle(Frame? frame, DateTime arrivedAt, CancellationToken cancellationToken)
    {
        switch (frame?.Type)
        {
            case "call:offered":
                var offer = frame.Data.Deserialize<OfferedData>(Json)!;
                var seen = _floor.Offered(offer.CallId, offer.AgentId, offer.OfferedAt);
                var handle = handleSeconds;
                if (_callIndex.TryGetValue(offer.CallId, out var index))
                {
                    var call = _calls[index];
                    call.Offers++;
                    call.FirstOffer ??= seen;
                    handle = _handle[index];
                }
                else
                {
                    _foreignOffers++;
                }

                _answering.Add(Task.Run(() => AnswerAsync(offer, handle, cancellationToken), CancellationToken.None));
                break;
            case "agent:activity_changed":
                var change = frame.Data.Deserialize<ActivityData>(Json)!;
                if (_floor.ActivityChanged(change.AgentId, change.Activity, change.ActivitySince, arrivedAt) is var (callId, busy)
                    && _callIndex.TryGetValue(callId, out var ended))
                {
                    _calls[ended].Busy = busy;
                    if (_calls[ended].HungUpOnSchedule)
                    {
                        var late = busy.TotalSeconds - _handle[ended];
                        var lead = Volatile.Read(ref _hangUpLead);
                        Volatile.Write(ref _hangUpLead, Math.Clamp(lead + 0.1 * late, 0, MaxHangUpLead.TotalSeconds));
                    }
                }

                break;
            case "sync:reset":
                _syncResets++;
                break;
        }
    }

    private int Report(ErlangC theory, double[] arrivals, string cpu)
    {
        var measured = _calls.Skip(warmupCalls).ToList();
        var answered = measured.Where(call => call.QueuedAt is not null && call.FirstOffer is not null).ToList();
        var waits = answered.Select(call => (call.FirstOffer!.OfferedAt - call.QueuedAt!.Value).TotalSeconds).ToArray();
        var threshold = WaitThreshold.TotalSeconds;
        var waited = Share(waits, threshold);
        var asa = waits.Length == 0 ? double.NaN : waits.Average();

        // The perfect ACD: the calls in the order the server queued them, each keeping its agent as long as it kept one here.
        var inQueueOrder = _calls.Select((call, index) => (call, index)).Where(c => c.call.QueuedAt is not null).OrderBy(c => c.call.QueuedAt).ToList();
        var origin = inQueueOrder.FirstOrDefault().call?.QueuedAt ?? DateTime.UtcNow;
        var idealWaits = IdealQueue.Waits(agents,
            [.. inQueueOrder.Select(c => (c.call.QueuedAt!.Value - origin).TotalSeconds)],
            [.. inQueueOrder.Select(c => c.call.Busy?.TotalSeconds ?? _handle[c.index])]);
        var idealByCall = inQueueOrder.Select((c, order) => (c.index, wait: idealWaits[order]))
            .Where(c => c.index >= warmupCalls && _calls[c.index].FirstOffer is not null)
            .ToDictionary(c => c.index, c => c.wait);
        var ideal = idealByCall.OrderBy(c => c.Key).Select(c => c.Value).ToArray();

        // Chance alone: the same perfect ACD on the Poisson times and handle times drawn before the run.
        var drawn = IdealQueue.Waits(agents, arrivals, _handle).Skip(warmupCalls).ToArray();

        var windowStart = answered.Count == 0 ? DateTime.UtcNow : answered.Min(call => call.QueuedAt!.Value);
        var windowEnd = answered.Count == 0 ? windowStart : answered.Max(call => call.FirstOffer!.OfferedAt);
        var wasted = IdleWhileWaiting.Total(_floor.AvailableSpans(windowEnd),
            _calls.Where(call => call.QueuedAt is not null && call.FirstOffer is not null).Select(call => (call.QueuedAt!.Value, call.FirstOffer!.OfferedAt)),
            windowStart, windowEnd);
        var agentTime = agents * (windowEnd - windowStart);

        var realizedRate = inQueueOrder.Count < 2 ? double.NaN
            : (inQueueOrder.Count - 1) / (inQueueOrder[^1].call.QueuedAt!.Value - origin).TotalSeconds;
        var busy = measured.Where(call => call.Busy is not null).Select(call => call.Busy!.Value.TotalSeconds).ToArray();
        var realizedHandle = busy.Length == 0 ? double.NaN : busy.Average();
        var drawnHandle = _handle.Skip(warmupCalls).Average();
        var realized = double.IsFinite(realizedRate) && double.IsFinite(realizedHandle) && realizedRate * realizedHandle < agents
            ? ErlangC.For(agents, realizedRate, realizedHandle)
            : null;

        var offers = answered.Select(call => call.FirstOffer!).ToList();
        var longestIdle = offers.Count(offer => offer.LongestIdle);
        var possiblyWrong = offers.Count(offer => offer.PossiblyWrong);
        var longestIdleShare = offers.Count == 0 ? double.NaN : (double)longestIdle / offers.Count;
        var decisions = answered.Select(call => (Call: call, Ms: (float)(call.FirstOffer!.OfferedAt
            - Max(call.QueuedAt!.Value, call.FirstOffer.IdleSince ?? call.QueuedAt.Value)).TotalMilliseconds)).ToList();
        var decision = new Distribution([.. decisions.Select(d => d.Ms)]);
        var agentWaited = new Distribution([.. decisions.Where(d => d.Call.FirstOffer!.IdleSince is { } idle && idle <= d.Call.QueuedAt).Select(d => d.Ms)]);
        var callWaited = new Distribution([.. decisions.Where(d => d.Call.FirstOffer!.IdleSince is { } idle && idle > d.Call.QueuedAt).Select(d => d.Ms)]);
        var lag = new Distribution([.. _calls.Where(call => call.SentAt != 0).Select(call => (float)Stopwatch.GetElapsedTime(call.DueAt, call.SentAt).TotalMilliseconds)]);

        var predictedWaited = theory.ProbabilityOfWaitingLongerThan(threshold);
        var waitedMet = Within(waited, predictedWaited);
        var asaMet = Within(asa, theory.AverageSpeedOfAnswerSeconds);
        var longestIdleMet = longestIdleShare >= LongestIdleTarget;
        var decisionMet = decision.Percentile(99) <= DecisionTarget.TotalMilliseconds;
        var reoffered = answered.Count(call => call.Offers > 1);
        var neverOffered = measured.Count(call => call.QueuedAt is not null && call.FirstOffer is null);
        var failed = _failures.Values.Sum();

        Console.WriteLine();
        Console.WriteLine($"== ACD against Erlang C, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores shared by the bench (callers and agents), both API replicas, PostgreSQL and Redis ==");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, 
            $"Asked: λ {arrivalsPerSecond:F3}/s, h {handleSeconds:F3} s, N {agents}: A {theory.OfferedLoad:F2} erlangs, occupancy {theory.Occupancy:P1}; seed {seed}, {warmupCalls:N0} warm-up calls not counted."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, 
            $"Got:   λ {realizedRate:F3}/s (queued_at of {inQueueOrder.Count:N0} calls), handle drawn {drawnHandle:F3} s, kept the agent {realizedHandle:F3} s "
            + $"(offer → available again, {busy.Length:N0} calls; hang-up lead at the end {Volatile.Read(ref _hangUpLead) * 1000:F0} ms)."));
        Console.WriteLine($"Calls: {calls:N0} measured, {answered.Count:N0} queued and offered, {neverOffered:N0} queued but never offered, {reoffered:N0} offered more than once, "
            + $"{_foreignOffers:N0} offers of calls not placed by this run; {Volatile.Read(ref _ended):N0} of all {_calls.Length:N0} ended by their agent.");
        Console.WriteLine($"Requests failed: {failed:N0}" + (failed == 0 ? "" : $" ({string.Join(", ", _failures.Select(f => $"{f.Key} ×{f.Value:N0}"))}); first: {string.Join(" | ", _failureDetails.Take(3))}"));
        Console.WriteLine($"Socket: {_socketDrops.Count} drops" + (_socketDrops.IsEmpty ? "" : $" ({string.Join("; ", _socketDrops)})") + $", sync:reset {_syncResets}.");
        Console.WriteLine();
        Console.WriteLine($"| Figure | Measured | Erlang C (λ, h, N) | Measured / Erlang C | Target | Met | Perfect ACD, same calls | Measured / perfect | Erlang C, λ and h as got |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, 
            $"| P(wait > {WaitThreshold.TotalMilliseconds:F0} ms) | {waited:P1} | {predictedWaited:P1} (C = {theory.ProbabilityOfWaiting:P1}) | {waited / predictedWaited:F2} | within {Tolerance:P0} | {Verdict(waitedMet)} "
            + $"| {Share(ideal, threshold):P1} | {waited / Share(ideal, threshold):F2} | {(realized is null ? "–" : $"{realized.ProbabilityOfWaitingLongerThan(threshold):P1}")} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, 
            $"| Average speed of answer | {asa * 1000:F0} ms | {theory.AverageSpeedOfAnswerSeconds * 1000:F0} ms | {asa / theory.AverageSpeedOfAnswerSeconds:F2} | within {Tolerance:P0} | {Verdict(asaMet)} "
            + $"| {Mean(ideal) * 1000:F0} ms | {asa / Mean(ideal):F2} | {(realized is null ? "–" : $"{realized.AverageSpeedOfAnswerSeconds * 1000:F0} ms")} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, 
            $"| Longest-idle agent offered | {longestIdleShare:P2} ({longestIdle:N0} of {offers.Count:N0}; misses: {possiblyWrong:N0} possibly wrong, the rest commit races) | | | ≥ {LongestIdleTarget:P0} | {Verdict(longestIdleMet)} | | | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, 
            $"| Offer decision latency p50 / p99 | {decision.Percentile(50):F1} / {decision.Percentile(99):F1} ms | | | p99 ≤ {DecisionTarget.TotalMilliseconds:F0} ms | {Verdict(decisionMet)} | | | |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Waits (offered_at − queued_at), measured: {new Distribution([.. waits.Select(w => (float)(w * 1000))]).Summary()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Waits of the perfect ACD, same calls:    {new Distribution([.. ideal.Select(w => (float)(w * 1000))]).Summary()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Perfect ACD on the drawn Poisson times and handle times (chance alone): P(wait > {WaitThreshold.TotalMilliseconds:F0} ms) {Share(drawn, threshold):P1}, ASA {Mean(drawn) * 1000:F0} ms."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Agent time available while a call waited: {wasted.TotalSeconds:F1} s of {agentTime.TotalSeconds:F0} s ({wasted / agentTime:P2}; "
            + $"{wasted.TotalMilliseconds / Math.Max(1, answered.Count):F0} ms a call); a perfect ACD wastes none."));
        // Whether the waiting is steady or comes in episodes (a machine shared with others stalls now and then).
        var byMinute = answered.Select(call => (call, index: Array.IndexOf(_calls, call)))
            .GroupBy(c => (int)((c.call.QueuedAt!.Value - windowStart).TotalMinutes))
            .OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture,
                $"{g.Key + 1}: {g.Average(c => (c.call.FirstOffer!.OfferedAt - c.call.QueuedAt!.Value).TotalMilliseconds):F0}/{g.Average(c => idealByCall[c.index]) * 1000:F0}"));
        Console.WriteLine($"ASA by minute of the run, measured/perfect ms: {string.Join("  ", byMinute)}");
        Console.WriteLine($"Decision latency, call found an agent free:       {agentWaited.Summary()}");
        Console.WriteLine($"Decision latency, call waited for an agent:       {callWaited.Summary()}");
        Console.WriteLine($"Accept round trip:                                {new Distribution([.. _acceptMs]).Summary()}");
        Console.WriteLine($"End round trip:                                   {new Distribution([.. _endMs]).Summary()}");
        Console.WriteLine($"Schedule lag (call sent − Poisson due time):      {lag.Summary()}");
        foreach (var miss in offers.Where(offer => offer.PossiblyWrong).Concat(offers.Where(offer => !offer.LongestIdle && !offer.PossiblyWrong)).Take(6))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, 
                $"  Not the longest idle: {miss.CallId} offered to {miss.AgentId} (idle since {miss.IdleSince:HH:mm:ss.fff}) at {miss.OfferedAt:HH:mm:ss.fff}; "
                + $"{miss.Expected} was idle longer (since {miss.ExpectedIdleSince:HH:mm:ss.fff}, its event here at {miss.ExpectedNoticedAt:HH:mm:ss.fff}: "
                + $"{(miss.PossiblyWrong ? "before offered_at" : "after offered_at, so committed after the decision read the floor")}), {miss.Available} available."));
        }

        Console.WriteLine($"CPU over the run: {cpu}");
        Console.WriteLine($"At end: {MachineLoad.LoadAverage()}");
        Console.WriteLine("Sampling alone spreads the average speed of answer by about ±20 % over a few thousand calls at this occupancy: "
            + "the perfect-ACD column, fed this run's calls, is the comparison that chance does not move.");
        return failed == 0 && neverOffered == 0 && reoffered == 0 && _syncResets == 0 && _foreignOffers == 0 ? 0 : 1;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static double Share(double[] waits, double threshold) => waits.Length == 0 ? double.NaN : (double)waits.Count(wait => wait > threshold) / waits.Length;

    private static double Mean(double[] values) => values.Length == 0 ? double.NaN : values.Average();

    private static bool Within(double measured, double predicted) => Math.Abs(measured / predicted - 1) <= Tolerance;

    private static string Verdict(bool met) => met ? "PASS" : "NOT MET";
}
