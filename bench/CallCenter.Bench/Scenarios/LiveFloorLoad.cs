using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CallCenter.Bench.Clients;
using CallCenter.Bench.Floor;
using CallCenter.Bench.Reporting;
using CallCenter.Bench.Target;

namespace CallCenter.Bench.Scenarios;

/// <summary>
/// The live figures' cost: floor events at a steady rate, open loop, through the API's one address, while a wallboard
/// socket per replica follows the <c>stats</c> topic, and the replicas' CPU over the window, beside the same replicas
/// idle just before. Each call is placed, routed to a department and, four times in five, assigned by hand to one of
/// the bench's agents, accepted, talked on for 2–6 s and ended, the agent finishing wrap-up at once; the fifth caller
/// hangs up while waiting. The call rate is set from the events one call of each kind wrote, so the events reach
/// the rate asked for.
/// </summary>
public sealed class LiveFloorLoad(CallCenterTarget target, StartedAppHost appHost, FloorHistory history, IReadOnlyList<string> agentIds, double eventsPerSecond, int seconds)
{
    private const double AnsweredShare = 0.8;
    private const int AgentsPerDepartment = 40;
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(10);
    private static readonly byte[] StatsUpdated = Encoding.UTF8.GetBytes("stats:updated");

    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly List<ConcurrentQueue<string>> _free = [];
    private readonly Random _random = new(7);
    private HttpClient _http = null!;
    private int _completed;

    /// <summary>True when every request of the load was answered with a 2xx.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        using var http = target.Api.CreateClient(
            new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64, PooledConnectionLifetime = Timeout.InfiniteTimeSpan },
            TimeSpan.FromSeconds(30));
        _http = http;
        await PrepareAgentsAsync(cancellationToken);

        var answeredEvents = await EventsOfAsync(() => CallAsync(0, answered: true, TimeSpan.Zero, CancellationToken.None), cancellationToken);
        var abandonedEvents = await EventsOfAsync(() => CallAsync(1, answered: false, TimeSpan.Zero, CancellationToken.None), cancellationToken);
        var perCall = AnsweredShare * answeredEvents + (1 - AnsweredShare) * abandonedEvents;
        var callsPerSecond = eventsPerSecond / perCall;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Live load: an answered call writes {answeredEvents} events, an abandoned one {abandonedEvents}; {AnsweredShare:P0} answered → {callsPerSecond:F2} calls/s for {eventsPerSecond:F0} events/s."));

        var replicas = appHost.RunningIds("api");
        var groups = ProcessGroups.Find(startedHere: true, [.. replicas.Select((id, i) => ($"replica {(char)('A' + i)}", id))]);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var updates = new int[replicas.Count];
        var sockets = await WallboardsAsync(replicas, updates, watching.Token);

        var idle = CpuWindow.Start(groups);
        await Task.Delay(IdleWindow, cancellationToken);
        var idleCpu = idle.Stop();
        var idleUpdates = updates.Sum();

        var running = new List<Task>();
        var started = Stopwatch.GetTimestamp();
        var total = (int)((Warmup.TotalSeconds + seconds) * callsPerSecond);
        CpuWindow? window = null;
        long firstEvent = 0, windowStarted = 0;
        var updatesBefore = 0;
        for (var i = 0; i < total; i++)
        {
            var due = started + (long)(i / callsPerSecond * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            if (window is null && Stopwatch.GetElapsedTime(started) >= Warmup)
            {
                window = CpuWindow.Start(groups);
                windowStarted = Stopwatch.GetTimestamp();
                firstEvent = await StreamPosition.LastEventIdAsync(http, cancellationToken);
                updatesBefore = updates.Sum();
            }

            var answered = _random.NextDouble() < AnsweredShare;
            var talk = TimeSpan.FromSeconds(answered ? 2 + 4 * _random.NextDouble() : 1 + 5 * _random.NextDouble());
            running.Add(CallAsync(i + 2, answered, talk, cancellationToken));
        }

        var busy = window!.Stop();
        var elapsed = Stopwatch.GetElapsedTime(windowStarted).TotalSeconds;
        var lastEvent = await StreamPosition.LastEventIdAsync(http, cancellationToken);
        var windowUpdates = updates.Sum() - updatesBefore;
        var lag = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), started + (long)((total - 1) / callsPerSecond * Stopwatch.Frequency));
        await Task.WhenAll(running);
        await watching.CancelAsync();
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }

        Console.WriteLine();
        Console.WriteLine($"== Live stats at {eventsPerSecond:F0} events/s, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {MachineLoad.LoadAverage()} ==");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Offered {callsPerSecond:F2} calls/s open loop ({total:N0} calls, {_completed:N0} completed; last one sent {-lag.TotalMilliseconds:F0} ms after its time); "
            + $"events written in the {elapsed:F1}s window: {lastEvent - firstEvent:N0} = {(lastEvent - firstEvent) / elapsed:F1}/s."));
        Console.WriteLine(sockets.Count == 0
            ? "Wallboard sockets: the API has no stats topic (topics=stats refused), so none followed the live figures."
            : $"Wallboard sockets (topics=stats, one per replica): {idleUpdates} stats:updated while idle ({IdleWindow.TotalSeconds:F0}s), {windowUpdates} in the window.");
        Console.WriteLine($"CPU idle (cores):   {idleCpu}");
        Console.WriteLine($"CPU at load (cores): {busy}");
        Console.WriteLine("The replicas' CPU at load is everything the API does for these events (the writes themselves included), so it bounds the live figures' "
            + "own cost from above; a run with the live figures switched off (--setting, if the API has a switch) gives the difference.");
        if (!_failures.IsEmpty)
        {
            Console.WriteLine($"Failed requests: {string.Join(", ", _failures.OrderByDescending(f => f.Value).Select(f => $"{f.Key} ×{f.Value}"))}");
        }

        return _failures.IsEmpty;
    }

    /// <summary>The first agents of each department, made available for the bench to assign calls to.</summary>
    private async Task PrepareAgentsAsync(CancellationToken cancellationToken)
    {
        var now = history.Spans.Where(span => span.End is null).ToDictionary(span => span.Agent, span => span.Activity);
        for (var d = 0; d < history.Departments.Count; d++)
        {
            var pool = new ConcurrentQueue<string>();
            foreach (var agent in history.Agents.Where(a => a.Department == d).Take(AgentsPerDepartment))
            {
                if (now[agent.Index] != "available")
                {
                    using var response = await _http.PatchAsJsonAsync($"/api/agents/{agentIds[agent.Index]}/activity", new { activity = "available" }, cancellationToken);
                    response.EnsureSuccessStatusCode();
                }

                pool.Enqueue(agentIds[agent.Index]);
            }

            _free.Add(pool);
        }
    }

    private async Task<long> EventsOfAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        var before = await StreamPosition.LastEventIdAsync(_http, cancellationToken);
        await work();
        return await StreamPosition.LastEventIdAsync(_http, cancellationToken) - before;
    }

    /// <summary>One call of the load; an answered one needs a free agent of its department, else its caller hangs up.</summary>
    private async Task CallAsync(int call, bool answered, TimeSpan talk, CancellationToken cancellationToken)
    {
        var department = call % history.Departments.Count;
        try
        {
            using var placed = await _http.PostAsync(CallPlacer.StartCallPath(call, "Live caller"), content: null, cancellationToken);
            if (!Succeeded(placed, "POST /api/calls"))
            {
                return;
            }

            var callId = (await placed.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("call_id").GetString();
            if (!await PostAsync($"/api/calls/{callId}/route", new { department = history.Departments[department].Name }, "route", cancellationToken))
            {
                return;
            }

            string? agent = null;
            if (answered && _free[department].TryDequeue(out agent))
            {
                if (await PostAsync($"/api/calls/{callId}/assign", new { agent_id = agent }, "assign", cancellationToken)
                    && await PostAsync($"/api/calls/{callId}/accept", new { agent_id = agent }, "accept", cancellationToken))
                {
                    await Task.Delay(talk, cancellationToken);
                    await PostAsync($"/api/calls/{callId}/end", null, "end", cancellationToken);
                    using var ready = await _http.PatchAsJsonAsync($"/api/agents/{agent}/activity", new { activity = "available" }, cancellationToken);
                    Succeeded(ready, "PATCH activity available");
                }

                _free[department].Enqueue(agent);
            }
            else
            {
                await Task.Delay(talk, cancellationToken);
                await PostAsync($"/api/calls/{callId}/end", null, "end (hang-up)", cancellationToken);
            }

            Interlocked.Increment(ref _completed);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _failures.AddOrUpdate(exception.GetType().Name, 1, (_, n) => n + 1);
        }
    }

    private async Task<bool> PostAsync(string path, object? body, string step, CancellationToken cancellationToken)
    {
        using var response = body is null
            ? await _http.PostAsync(path, content: null, cancellationToken)
            : await _http.PostAsJsonAsync(path, body, cancellationToken);
        return Succeeded(response, step);
    }

    private bool Succeeded(HttpResponseMessage response, string step)
    {
        if (!response.IsSuccessStatusCode)
        {
            _failures.AddOrUpdate($"{step} HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
        }

        return response.IsSuccessStatusCode;
    }

    /// <summary>A socket per replica on the <c>stats</c> topic, as a wallboard holds, counting <c>stats:updated</c> frames.</summary>
    private async Task<List<LiveUpdateSocket>> WallboardsAsync(IReadOnlyList<string> replicas, int[] updates, CancellationToken cancellationToken)
    {
        var sockets = new List<LiveUpdateSocket>();
        for (var i = 0; i < replicas.Count; i++)
        {
            LiveUpdateSocket socket;
            try
            {
                socket = await LiveUpdateSocket.ConnectAsync(target.Reach(replicas[i], direct: true), "topics=stats", cancellationToken);
            }
            catch (WebSocketException)
            {
                return sockets;
            }

            var replica = i;
            _ = socket.ReceiveAsync((frame, _) =>
            {
                if (frame.IndexOf(StatsUpdated) >= 0)
                {
                    Interlocked.Increment(ref updates[replica]);
                }
            }, cancellationToken);
            sockets.Add(socket);
        }

        return sockets;
    }
}
