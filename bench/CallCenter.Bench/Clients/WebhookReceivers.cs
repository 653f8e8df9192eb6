using System.Diagnostics;
using CallCenter.Bench.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace CallCenter.Bench.Clients;

/// <summary>
/// Webhook receivers on loopback, one path per endpoint, in this process: each delivery's body is the event's frame,
/// tallied as a socket's frames are (arrival time, duplicates, order). They answer 204 at once.
/// </summary>
public sealed class WebhookReceivers : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceivers(WebApplication app, SocketTally[] tallies)
    {
        _app = app;
        Tallies = tallies;
    }

    public SocketTally[] Tallies { get; }

    public Uri Address { get; private set; } = null!;

    public string UrlOf(int endpoint) => new Uri(Address, $"/hook/{endpoint}").ToString();

    public static async Task<WebhookReceivers> StartAsync(SocketTally[] tallies, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        app.MapPost("/hook/{endpoint:int}", async (int endpoint, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var arrivedAt = Stopwatch.GetTimestamp();
            var tally = tallies[endpoint];
            // One endpoint's deliveries come one at a time, but nothing here may rely on it.
            lock (tally)
            {
                tally.OnFrame(body.GetBuffer().AsSpan(0, (int)body.Length), arrivedAt);
            }

            return Results.NoContent();
        });
        await app.StartAsync(cancellationToken);
        var receivers = new WebhookReceivers(app, tallies);
        receivers.Address = new Uri(app.Urls.First());
        return receivers;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
