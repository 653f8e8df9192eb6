using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace CallCenter.Bench.Clients;

/// <summary>
/// The outcome of one POST /api/calls: whether it worked (else why: an HTTP status, or the exception's name),
/// who served it, how long it took, and whether it was an idempotent replay.
/// </summary>
public readonly record struct PlacedCall(bool Ok, string Outcome, string? Replica, long SentAt, long AnsweredAt, bool Replayed = false)
{
    /// <summary>Why calls failed, by outcome (<c> (HTTP 429 ×3, TaskCanceledException ×2)</c>), or nothing when none did.</summary>
    public static string Failures(IEnumerable<PlacedCall> placed)
    {
        var outcomes = placed.Where(p => !p.Ok).GroupBy(p => p.Outcome).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        return outcomes.Count == 0 ? "" : $" ({string.Join(", ", outcomes)})";
    }
}

/// <summary>
/// Places calls (POST /api/calls, which writes one <c>call:new</c> event) through a pool of keep-alive
/// connections. Each connection serves one request at a time, so a pool pinned to one replica keeps every
/// write on that replica; a request waits for a free connection rather than opening one that might land elsewhere.
/// </summary>
public sealed class CallPlacer : IDisposable
{
    private readonly Channel<HttpClient> _idle = Channel.CreateUnbounded<HttpClient>();
    private readonly List<HttpClient> _all;

    private CallPlacer(List<HttpClient> clients)
    {
        _all = clients;
        foreach (var client in clients)
        {
            _idle.Writer.TryWrite(client);
        }
    }

    /// <summary>A pool of <paramref name="size"/> connections, all on a replica <paramref name="wanted"/> accepts.</summary>
    public static async Task<CallPlacer> OpenAsync(ApiAccess api, int size, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        var clients = new List<HttpClient>();
        while (clients.Count < size)
        {
            clients.Add((await ReplicaConnection.OpenAsync(api, wanted, cancellationToken)).Client);
        }

        return new CallPlacer(clients);
    }

    /// <summary>
    /// POST /api/calls for the <paramref name="call"/>-th call, from one of a hundred fixed caller numbers. They were
    /// fixed while customer ids were cut at CUST-1000; they stay so the figures compare with the earlier runs in
    /// bench/README.md (known callers are found, not created).
    /// </summary>
    public static string StartCallPath(int call, string customerName) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/calls?phone_number=%2B96650000{call % 100:D4}&customer_name={Uri.EscapeDataString(customerName)}");

    /// <summary>
    /// Places one call; its <see cref="PlacedCall.SentAt"/> is taken just before the request is written, once a
    /// free connection was found.
    /// </summary>
    public Task<PlacedCall> PlaceAsync(int call, string customerName, CancellationToken cancellationToken) =>
        PlaceAsync(call, customerName, idempotencyKey: null, cancellationToken);

    /// <summary>As above, sending <c>Idempotency-Key</c> when <paramref name="idempotencyKey"/> is given.</summary>
    public async Task<PlacedCall> PlaceAsync(int call, string customerName, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var client = await _idle.Reader.ReadAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, StartCallPath(call, customerName));
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", $"\"{idempotencyKey}\"");
        }

        var sentAt = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return new PlacedCall(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}", ServedBy.Of(response.Headers), sentAt, Stopwatch.GetTimestamp(),
                response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new PlacedCall(false, exception.GetType().Name, null, sentAt, Stopwatch.GetTimestamp());
        }
        finally
        {
            _idle.Writer.TryWrite(client);
        }
    }

    public void Dispose()
    {
        foreach (var client in _all)
        {
            client.Dispose();
        }
    }
}
