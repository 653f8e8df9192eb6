using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using CallCenter.ApiService.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;

namespace CallCenter.ApiService.Webhooks;

/// <summary>
/// POSTs a signed delivery. Its own client, outside the shared resilience pipeline: retries follow the webhook
/// schedule, not the client's. Redirects are not followed, and every connection goes through <see cref="WebhookTarget"/>.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const int KeptAnswerBytes = 1024;

    private readonly HttpClient _http;
    private readonly RetrySchedule _schedule;
    private readonly TimeProvider _clock;
    private readonly string _userAgent;

    public WebhookSender(WebhookTarget target, RetrySchedule schedule, IOptions<WebhookOptions> options, Replica replica, TimeProvider clock)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = options.Value.ConnectTimeout,
            ConnectCallback = target.ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        { Timeout = options.Value.RequestTimeout };
        _schedule = schedule;
        _clock = clock;
        // Names the replica sending, which a receiver's log can tell apart.
        _userAgent = $"CallCenter-Webhooks/1 ({replica.Name})";
    }

    /// <summary>
    /// POSTs one delivery and blocks until the answer's first bytes are read or the request fails: called from an
    /// endpoint's own <see cref="DeliveryThread"/>, never from the thread pool.
    /// </summary>
    public DeliveryAttempt Send(Uri url, long eventId, ReadOnlyMemory<byte> body, IReadOnlyList<string> secrets, CancellationToken cancellationToken)
    {
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        var id = eventId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(id, timestamp, body, secrets));

        var started = Stopwatch.GetTimestamp();
        // The caller's delivery span describes this POST; a child span per delivery would double what the traces carry.
        using var quiet = SuppressInstrumentationScope.Begin();
        try
        {
            using var response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var answer = FirstBytes(response);
            return new DeliveryAttempt((int)response.StatusCode, Stopwatch.GetElapsedTime(started), answer, null, _schedule.RetryAfter(response.Headers.RetryAfter));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            var error = exception is TaskCanceledException ? "timed out" : exception.Message;
            return new DeliveryAttempt(null, Stopwatch.GetElapsedTime(started), null, error, null);
        }
    }

    private static string FirstBytes(HttpResponseMessage response)
    {
        using var stream = response.Content.ReadAsStream();
        var buffer = new byte[KeptAnswerBytes];
        var read = 0;
        int last;
        while (read < buffer.Length && (last = stream.Read(buffer.AsSpan(read))) > 0)
        {
            read += last;
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    public void Dispose() => _http.Dispose();
}
