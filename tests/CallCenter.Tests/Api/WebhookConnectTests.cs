using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CallCenter.ApiService.Hosting;
using CallCenter.ApiService.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CallCenter.Tests.Api;

/// <summary>
/// The delivery client connects blocking (from an endpoint's own thread); a receiver that never accepts must still
/// cost no more than the connect timeout. Loopback only, no AppHost.
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

    /// <summary>Connects until one more connect would hang (its SYN unanswered), so the queue is known to be full.</summary>
    private static List<Socket> FillAcceptQueue(int port)
    {
        var fillers = new List<Socket>();
        for (var tried = 0; tried < 16; tried++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            fillers.Add(filler);
            if (!filler.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromMilliseconds(500)))
            {
                return fillers;
            }
        }

        throw new InvalidOperationException("The accept queue never filled: the kernel accepted every connect.");
    }

    private static WebhookSender Sender()
    {
        var options = Options.Create(new WebhookOptions { ConnectTimeout = ConnectTimeout, AllowedHosts = ["127.0.0.1"] });
        var schedule = new RetrySchedule(WebhookOptions.StandardDelays, TimeProvider.System, new Random(17));
        return new WebhookSender(new WebhookTarget(options), schedule, options, new Replica(new ConfigurationBuilder().Build()), TimeProvider.System);
    }
}
