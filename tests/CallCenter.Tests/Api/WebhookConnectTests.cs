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
/// The delivery client sends and connects blocking, from an endpoint's own thread: it must not wait for that thread to
/// run anything (it is the one blocked), and a receiver that never accepts must cost no more than the connect timeout.
/// Loopback only, no AppHost.
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
    public async Task ASendToAHostNameNeedsNothingFromTheBlockedThreadsContext()
    {
        // A receiver reached by this machine's name, so the connect resolves it: an await that completes later, on
        // another thread ("localhost" resolves at once and would not show it).
        var host = Dns.GetHostName();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://0.0.0.0:0");
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", () => Results.NoContent());
        await receiver.StartAsync();
        var port = new Uri(receiver.Urls.First()).Port;

        // The endpoint's thread is blocked in the send: anything posted to its context would never run.
        var blocked = new NeverRunningContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(blocked);
        DeliveryAttempt attempt;
        try
        {
            using var sender = Sender(requestTimeout: TimeSpan.FromSeconds(5), allowedHost: host);
            attempt = sender.Send(new Uri($"http://{host}:{port}/hook"), 2, "{}"u8.ToArray(), ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], CancellationToken.None);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        Assert.True(attempt.Delivered, $"{attempt.StatusCode} {attempt.Error}");
        Assert.Equal(0, blocked.Posted);
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

    /// <summary>A context whose thread never gets to run what is posted to it, counting what was.</summary>
    private sealed class NeverRunningContext : SynchronizationContext
    {
        private int _posted;

        public int Posted => _posted;

        public override void Post(SendOrPostCallback d, object? state) => Interlocked.Increment(ref _posted);
    }
}
