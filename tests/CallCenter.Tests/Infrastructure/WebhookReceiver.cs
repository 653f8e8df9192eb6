using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CallCenter.Tests.Infrastructure;

/// <summary>One POST as the receiver got it, and whether its signature verified with the secrets the receiver knows.</summary>
public sealed record ReceivedDelivery(long Id, string Timestamp, string Signature, byte[] Raw, string UserAgent, bool Verified, int Answer)
{
    public JsonNode Body => JsonNode.Parse(Raw)!;
}

/// <summary>
/// A webhook receiver on loopback, written from the README's instructions: it verifies <c>webhook-signature</c> itself
/// (HMAC-SHA256 over <c>id.timestamp.body</c>, keyed with the base64 after <c>whsec_</c>) and answers as the test says.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The answer to a delivery (given the number of deliveries so far, this one included); 200 unless set.</summary>
    public Func<ReceivedDelivery, int, Task<int>> Answer { get; set; } = (_, _) => Task.FromResult(200);

    public ConcurrentBag<string> Secrets { get; } = [];

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedDelivery> Received => [.. _received];

    /// <summary>Ids answered 2xx, in the order they were answered.</summary>
    public IReadOnlyList<long> Accepted => [.. _received.Where(delivery => delivery.Answer is >= 200 and < 300).Select(delivery => delivery.Id)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/hook", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        receiver.Url = new Uri(new Uri(receiver._app.Urls.Single()), "/hook");
        return receiver;
    }

    /// <summary>Waits until <paramref name="condition"/> holds of what was received, within <paramref name="deadline"/>.</summary>
    public async Task WaitUntilAsync(Func<WebhookReceiver, bool> condition, TimeSpan deadline, string what)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (!condition(this))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Not within {deadline}: {what}. Received: {string.Join(", ", Received.Select(d => $"{d.Id}→{d.Answer}"))}");
            }
        }
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        var id = headers["webhook-id"].ToString();
        var timestamp = headers["webhook-timestamp"].ToString();
        var signature = headers["webhook-signature"].ToString();
        var verified = Secrets.Any(secret => Verifies(signature, id, timestamp, body, secret));
        var delivery = new ReceivedDelivery(
            long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), timestamp, signature, body, headers.UserAgent.ToString(), verified, 0);
        var answer = await Answer(delivery, _received.Count + 1);
        _received.Enqueue(delivery with { Answer = answer });
        context.Response.StatusCode = answer;
    }

    /// <summary>Any <c>v1,</c> entry of the header matching the HMAC of <c>id.timestamp.body</c> under the secret.</summary>
    public static bool Verifies(string header, string id, string timestamp, byte[] body, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        return header.Split(' ').Any(entry => entry.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry[3..]), Encoding.ASCII.GetBytes(expected)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
