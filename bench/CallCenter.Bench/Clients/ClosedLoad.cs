using System.Diagnostics;
using System.Net;
using CallCenter.Bench.Reporting;

namespace CallCenter.Bench.Clients;

/// <summary>What a closed-loop load measured: successful requests answered in the measured window, and every failure.</summary>
public sealed record LoadFigures(double RequestsPerSecond, Distribution Latency, IReadOnlyDictionary<string, int> Failures, string? FirstFailure)
{
    public int FailureCount => Failures.Values.Sum();

    /// <summary>Failures by outcome (<c>HTTP 400 ×3</c>) and the first one's body, or nothing when none failed.</summary>
    public string FailureText => FailureCount == 0
        ? ""
        : $"{FailureCount:N0} failed ({string.Join(", ", Failures.Select(f => $"{f.Key} ×{f.Value:N0}"))}); the first: {FirstFailure}";
}

/// <summary>
/// N keep-alive connections, each a closed loop: send, wait for the whole response, send again. Each loop reads a
/// body into one buffer of its own and drops it, as wrk does: buffering every answer into a new array cost the client
/// about 15 % more CPU on a 65 KB ticket page, CPU the server under test then lacked on this 2-core box. A slower server
/// gets fewer requests, so the rate is what the server sustains at that concurrency. Requests run for
/// <c>warmup</c> unmeasured, then for <c>measured</c>: a request counts when its response arrives in that window.
/// </summary>
public static class ClosedLoad
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    // A ticket page (65 KB) in one or two reads.
    private const int BodyBufferBytes = 64 * 1024;

    /// <param name="request">The n-th request of the run (n counts from 0 across all connections).</param>
    public static async Task<LoadFigures> RunAsync(
        ApiAccess access, int connections, Func<long, HttpRequestMessage> request, TimeSpan warmup, TimeSpan measured, CancellationToken cancellationToken)
    {
        using var http = access.CreateClient(
            new SocketsHttpHandler
            {
                MaxConnectionsPerServer = connections,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
                AutomaticDecompression = DecompressionMethods.None,
                UseProxy = false,
            },
            RequestTimeout);
        var next = -1L;
        var from = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var until = from + (long)(measured.TotalSeconds * Stopwatch.Frequency);
        var loops = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var loop = new Loop();
            var body = new byte[BodyBufferBytes];
            for (var sent = Stopwatch.GetTimestamp(); sent < until; sent = Stopwatch.GetTimestamp())
            {
                var failure = await SendAsync(http, request(Interlocked.Increment(ref next)), body, cancellationToken);
                var answered = Stopwatch.GetTimestamp();
                if (failure is { } failed)
                {
                    loop.Fail(failed);
                }
                else if (answered >= from && answered < until)
                {
                    loop.Latencies.Add((float)Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
                }
            }

            return loop;
        }, cancellationToken)));

        var latencies = new Distribution([.. loops.SelectMany(l => l.Latencies)]);
        var failures = loops.SelectMany(l => l.Failures).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
        return new LoadFigures(latencies.Count / measured.TotalSeconds, latencies, failures, loops.Select(l => l.First).FirstOrDefault(f => f is not null));
    }

    /// <summary>Null when the answer was a 2xx (read whole), else what went wrong: the status and the start of the body, or the exception.</summary>
    private static async Task<(string Outcome, string Detail)?> SendAsync(
        HttpClient http, HttpRequestMessage request, byte[] body, CancellationToken cancellationToken)
    {
        using var message = request;
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                // The client's timeout ends with the headers; a body that stalls fails the request after the same time.
                using var bodyTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                bodyTimeout.CancelAfter(RequestTimeout);
                await using var content = await response.Content.ReadAsStreamAsync(bodyTimeout.Token);
                while (await content.ReadAsync(body, bodyTimeout.Token) > 0)
                {
                }

                return null;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return ($"HTTP {(int)response.StatusCode}", $"{message.Method} {message.RequestUri} → {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return (exception.GetType().Name, $"{message.Method} {message.RequestUri}: {exception.Message}");
        }
    }

    private sealed class Loop
    {
        public List<float> Latencies { get; } = new(100_000);

        public Dictionary<string, int> Failures { get; } = [];

        public string? First { get; private set; }

        public void Fail((string Outcome, string Detail) failure)
        {
            Failures[failure.Outcome] = Failures.GetValueOrDefault(failure.Outcome) + 1;
            First ??= failure.Detail;
        }
    }
}
