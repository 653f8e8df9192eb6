using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CallCenter.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace CallCenter.Tests.Foundation;

/// <summary>
/// What clients see while a dependency is away, on an app of its own: PostgreSQL killed under a stream of writes
/// answers fast 503s, never a 500 or a hang; Redis killed changes nothing a client can see; a killed API replica comes
/// back. Through all of it a live socket keeps its ids contiguous and no acknowledged call is lost.
/// </summary>
public sealed class OutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Answers take milliseconds (the test prints the slowest); the bound allows what a CI machine running several apps
    /// at once adds, and still tells a fast 503 from the 15-s hang there was before. The issue's 1 s and 2 s figures
    /// are the kills bench's to report.
    /// </summary>
    private static readonly TimeSpan FastAnswer = TimeSpan.FromSeconds(5);

    /// <summary>The issue's bound from PostgreSQL ready again to writes succeeding.</summary>
    private static readonly TimeSpan RecoveryAfterReady = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task DependenciesDyingUnderWritesGiveFast503sAndLoseNothing()
    {
        await using var app = await CallCenterApp.StartAsync(apiReplicas: 1).WaitAsync(CallCenterApp.StartTimeout + RecoveryDeadline);
        using var restarts = new RestartCounts(app);
        using var api = new ApiClient(app.CreateHttpClient("api"));
        var socket = await LiveSocket.ConnectAsync(app);
        var acknowledged = new List<string> { await PlaceCallAsync(api) };

        // PostgreSQL: writes keep coming while it is dead and while it starts again.
        var outage = Stopwatch.StartNew();
        var killedAt = DateTime.UtcNow;
        ServerProcesses.Kill(app, "postgres");
        // A SIGKILL leaves the pid file behind; PostgreSQL must see its pid is dead and start anyway.
        Assert.True(File.Exists(Path.Combine(app.DataRoot, "postgres", "postmaster.pid")));
        var restarted = ServerProcesses.WaitUntilReplacedAsync(app, "postgres", killedAt, RecoveryDeadline);
        var answers = new List<WriteAnswer>();
        (HttpStatusCode Status, TimeSpan Took)? health = null, alive = null;
        using var raw = app.CreateHttpClient("api");
        while (!restarted.IsCompleted)
        {
            var answer = await PostCallAsync(raw, acknowledged);
            answers.Add(answer);
            if (answer.Status == HttpStatusCode.ServiceUnavailable && health is null)
            {
                health = await GetTimedAsync(raw, "/health");
                alive = await GetTimedAsync(raw, "/alive");
            }

            await Task.Delay(ProbeInterval);
        }

        await restarted;
        var ready = Stopwatch.StartNew();
        output.WriteLine($"postgres healthy again {outage.Elapsed.TotalSeconds:F1} s after the kill; {answers.Count} writes tried meanwhile.");
        var unavailable = answers.Where(answer => answer.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(unavailable);
        Assert.All(answers, answer => Assert.Contains(answer.Status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.All(answers, answer => Assert.True(answer.Took < FastAnswer, $"A write took {answer.Took.TotalMilliseconds:F0} ms while PostgreSQL was away."));
        Assert.All(unavailable, answer =>
        {
            Assert.True(int.TryParse(answer.RetryAfter, CultureInfo.InvariantCulture, out var seconds) && seconds >= 1, $"Retry-After '{answer.RetryAfter}'");
            Assert.Equal(503, answer.Body.Value<int>("status"));
            Assert.Equal("postgresql", answer.Body.Text("unavailable"));
            Assert.Contains(answer.Body?["outcome"]?.GetValue<string>(), new[] { "not_written", "unknown", null });
        });
        output.WriteLine($"{unavailable.Count} answered 503, slowest answer {answers.Max(a => a.Took).TotalMilliseconds:F0} ms; "
            + $"/health {health?.Status} in {health?.Took.TotalMilliseconds:F0} ms, /alive {alive?.Status} in {alive?.Took.TotalMilliseconds:F0} ms.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health?.Status);
        Assert.True(health?.Took < FastAnswer, "/health took too long while PostgreSQL was away.");
        Assert.Equal(HttpStatusCode.OK, alive?.Status);

        // Ready again: writes succeed within the bound, by themselves.
        acknowledged.Add(await PlaceCallAsync(api, RecoveryAfterReady));
        output.WriteLine($"A write succeeded {ready.Elapsed.TotalSeconds:F1} s after postgres was healthy again.");

        // Redis: nothing a client sees changes; the feed carries events through PostgreSQL.
        killedAt = DateTime.UtcNow;
        ServerProcesses.Kill(app, "redis");
        acknowledged.Add(await PlaceCallAsync(api));
        await ServerProcesses.WaitUntilReplacedAsync(app, "redis", killedAt, RecoveryDeadline);
        acknowledged.Add(await PlaceCallAsync(api));

        // Everything so far reached the socket, in order, without a gap.
        var frames = await FramesUntilCallAsync(socket, acknowledged[^1]);

        // An API replica: the AppHost starts it again, and the client resumes where it was.
        var replica = socket.ServedBy ?? throw new InvalidOperationException("The socket's replica did not say its name.");
        killedAt = DateTime.UtcNow;
        ServerProcesses.KillService(app, replica);
        await socket.Closed.WaitAsync(RecoveryDeadline);
        await socket.DisposeAsync();
        await ServerProcesses.WaitUntilReplacedAsync(app, replica, killedAt, RecoveryDeadline);
        acknowledged.Add(await PlaceCallAsync(api, RecoveryDeadline));
        await using var resumed = await LiveSocket.ConnectAsync(app, $"?last_event_id={frames[^1]["id"]}");
        frames.AddRange(await FramesUntilCallAsync(resumed, acknowledged[^1]));

        var ids = frames.Select(frame => frame["id"]!.GetValue<long>()).ToList();
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(offset => ids[0] + offset), ids);
        var announced = frames.Where(frame => frame["type"]!.GetValue<string>() == "call:new")
            .Select(frame => frame["data"]!["call_id"]!.GetValue<string>())
            .ToList();
        // Every acknowledged call was announced; beyond them only writes whose 503 said the outcome was unknown.
        Assert.Empty(acknowledged.Except(announced));
        var unknownOutcomes = unavailable.Count(answer => answer.Body?["outcome"]?.GetValue<string>() == "unknown");
        Assert.True(announced.Except(acknowledged).Count() <= unknownOutcomes, "A write answered 'not_written' was written.");
        Assert.Equal(acknowledged.Count, await StoredCalls.CountAsync(app, acknowledged, RecoveryDeadline));

        Assert.True(restarts.Of("postgres") >= 1, "The postgres restart was not counted.");
        Assert.True(restarts.Of("redis") >= 1, "The redis restart was not counted.");
        Assert.True(restarts.Of("api") >= 1, "The API replica's restart was not counted.");
    }

    private static async Task<List<JsonNode>> FramesUntilCallAsync(LiveSocket socket, string callId)
    {
        var (match, before) = await socket.NextMatchingAsync(frame =>
            frame["type"]!.GetValue<string>() == "call:new" && frame["data"]!["call_id"]!.GetValue<string>() == callId);
        return [.. before, match];
    }

    private static async Task<(HttpStatusCode, TimeSpan)> GetTimedAsync(HttpClient http, string path)
    {
        var took = Stopwatch.StartNew();
        using var response = await http.GetAsync(path).WaitAsync(ApiClient.RequestTimeout);
        return (response.StatusCode, took.Elapsed);
    }

    private static string NewCallPath() => $"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}";

    /// <summary>One write, timed, with what a client needs to retry; a success joins the acknowledged calls.</summary>
    private sealed record WriteAnswer(HttpStatusCode Status, TimeSpan Took, string? RetryAfter, JsonNode? Body);

    private static async Task<WriteAnswer> PostCallAsync(HttpClient http, List<string> acknowledged)
    {
        var took = Stopwatch.StartNew();
        using var response = await http.PostAsync(NewCallPath(), content: null).WaitAsync(ApiClient.RequestTimeout);
        var text = await response.Content.ReadAsStringAsync();
        took.Stop();
        var body = text.Length == 0 ? null : JsonNode.Parse(text);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            acknowledged.Add(body.Text("call_id"));
        }

        return new WriteAnswer(response.StatusCode, took.Elapsed, response.Headers.RetryAfter?.ToString(), body);
    }

    private static async Task<string> PlaceCallAsync(ApiClient api, TimeSpan? within = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var response = await api.PostAsync(NewCallPath());
            if (response.Status == HttpStatusCode.OK || within is null || deadline.Elapsed > within)
            {
                return response.Expect(HttpStatusCode.OK).Str("call_id");
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
            await Task.Delay(ProbeInterval);
        }
    }
}
