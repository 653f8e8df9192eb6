using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CallCenter.ApiService.Hosting;
using CallCenter.ApiService.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CallCenter.Tests.Api;

/// <summary>
/// The delivery client sends and connects blocking, from an endpoint's own thread: a receiver named by host is still
/// resolved and reached, and one that never accepts costs no more than the connect timeout. Loopback only, no AppHost.
/// </summary>
public sealed class WebhookConnectTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public void AReceiverThatNeverAcceptsFailsTheAttemptAtTheConnectTimeout()
    {
        // A listener whose accept queue is full: the kernel drops further SYNs, so a connect waits until it gives up.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = FillAcceptQueue(port);
        try
        {
            using var sender = Sender();
            var started = Stopwatch.GetTimestamp();
            var attempt = sender.Send(new Uri($"http://127.0.0.1:{port}/hook"), 1, "{}"u8.ToArray(), ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], CancellationToken.None);
            var took = Stopwatch.GetElapsedTime(started);

            Assert.False(attempt.Delivered);
            Assert.Null(attempt.StatusCode);
            Assert.Contains("timed out", attempt.Error, StringComparison.Ordinal);
            Assert.InRange(took, ConnectTimeout * 0.9, ConnectTimeout * 4);
        }
        finally
        {
            fillers.ForEach(filler => filler.Dispose());
        }
    }

    [Fact]
    public async Task ASendToAReceiverByHostNameResolvesItAndIsDelivered()
    {
        // Reached by this machine's name, so the blocking connect goes through the lookup and its allow-list check
        // (the AppHost tests' receivers are reached by address).
        var host = Dns.GetHostName();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://0.0.0.0:0");
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", () => Results.NoContent());
        await receiver.StartAsync();
        var port = new Uri(receiver.Urls.First()).Port;

        using var sender = Sender(requestTimeout: TimeSpan.FromSeconds(5), allowedHost: host);
        var attempt = sender.Send(new Uri($"http://{host}:{port}/hook"), 2, "{}"u8.ToArray(), ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], CancellationToken.None);

        Assert.True(attempt.Delivered, $"{attempt.StatusCode} {attempt.Error}");
        Assert.Equal(204, attempt.StatusCode);
    }

    /// <summary>Connects until one more connect would hang (its SYN unanswered), so the queue is known to be full.</summary>
    private static List<Socket> FillAcceptQueue(int port)
    {
        var fillers = new List<Socket>();
        for (var tried = 0; tried < 16; tried++)
        {
            // Blocking, bounded by the kernel (as the sender's own connect): a busy test run cannot make a connect that
            // the kernel completed look unanswered.
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { SendTimeout = 500 };
            fillers.Add(filler);
            try
            {
                filler.Connect(IPAddress.Loopback, port);
            }
            catch (SocketException)
            {
                return fillers;
            }
        }

        throw new InvalidOperationException("The accept queue never filled: the kernel accepted every connect.");
    }

    private static WebhookSender Sender(TimeSpan? requestTimeout = null, string allowedHost = "127.0.0.1")
    {
        var options = Options.Create(new WebhookOptions
        {
            ConnectTimeout = ConnectTimeout,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(15),
            AllowedHosts = [allowedHost],
        });
        var schedule = new RetrySchedule(WebhookOptions.StandardDelays, TimeProvider.System, new Random(17));
        return new WebhookSender(new WebhookTarget(options), schedule, options, new Replica(new ConfigurationBuilder().Build()), TimeProvider.System);
    }
}
