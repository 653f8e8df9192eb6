using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading.Channels;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Events;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using StackExchange.Redis;

namespace CallCenter.ApiService.Realtime;

/// <summary>
/// This replica's ordered stream of committed events, fanned out to its sockets. Events arrive from this
/// replica's own commits and from Redis; anything Redis did not bring (it was down, a publisher died, two
/// publishes crossed) is read from PostgreSQL, so the feed moves strictly id by id and never skips one.
/// </summary>
public sealed class EventFeed(
    EventStore store,
    IConnectionMultiplexer redis,
    IOptions<RealtimeOptions> options,
    RealtimeMetrics metrics,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<EventFeed> logger) : BackgroundService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("callcenter:events");

    private const int CatchUpBatch = 500;

    private readonly OutageLog _outage = new(logger, "Catching up from PostgreSQL");

    // null is "read PostgreSQL now"; everything else is an event someone says was committed.
    private readonly Channel<LiveEvent?> _incoming = System.Threading.Channels.Channel.CreateUnbounded<LiveEvent?>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly EventSequenceGate _sequence = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableArray<EventSubscriber> _subscribers = [];

    /// <summary>Completes once the feed knows where the stream stands; sockets wait for it.</summary>
    public Task Ready => _ready.Task;

    public long Last => _sequence.Last;

    /// <summary>
    /// A new inbox for events after the feed's last. A socket's <paramref name="cutOff"/> is cancelled when the server
    /// starts stopping and a little after the inbox overflows (<see cref="EventSubscriber.OverflowGrace"/>).
    /// </summary>
    public EventSubscriber Subscribe(EventFilter filter, CancellationTokenSource? cutOff = null)
    {
        lock (_gate)
        {
            var subscriber = new EventSubscriber(filter, options.Value.SocketBufferEvents, _sequence.Last, cutOff);
            _subscribers = _subscribers.Add(subscriber);
            return subscriber;
        }
    }

    public void Unsubscribe(EventSubscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(subscriber);
        }

        subscriber.Close();
    }

    /// <summary>
    /// An event that was committed (here or on another replica); duplicates and reordering are fine. One already let
    /// through (this replica's own, echoed by Redis) does not wake the feed.
    /// </summary>
    public void Accept(LiveEvent liveEvent)
    {
        if (liveEvent.Id > _sequence.Last)
        {
            _incoming.Writer.TryWrite(liveEvent);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One registration for every socket (each would otherwise hold its own for hours); a socket that subscribes
        // after this ran sees the stop itself.
        await using var stopping = lifetime.ApplicationStopping.Register(CutOffSockets);
        try
        {
            _sequence.StartAfter(await StartingPointAsync(stoppingToken));
            _ready.TrySetResult();
            _ = SubscribeToRedisAsync(stoppingToken);
            _ = TickAsync(stoppingToken);

            var gap = new EventGapGrace(options.Value.GapGrace, clock);
            while (await _incoming.Reader.WaitToReadAsync(stoppingToken))
            {
                var readNow = false;
                while (_incoming.Reader.TryRead(out var item))
                {
                    if (item is null)
                    {
                        readNow = true;
                    }
                    else
                    {
                        Take(item);
                    }
                }

                if (!readNow && _sequence.Waiting == 0)
                {
                    gap.Closed();
                    continue;
                }

                if (!readNow && await gap.WaitForBusAsync(_incoming.Reader, stoppingToken))
                {
                    continue;
                }

                await CatchUpAsync(stoppingToken);
                gap.Closed();
            }
        }
        finally
        {
            // However the feed ends (a stop, or a fault that stops the host), no socket is left open with nothing to say.
            CutOffSockets();
        }
    }

    // Under the lock, a subscriber joining sees Last and the events sent so far agree: it misses none and gets none twice.
    private void Take(LiveEvent liveEvent)
    {
        lock (_gate)
        {
            _sequence.Offer(liveEvent, Deliver);
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<LiveEvent> batch;
            do
            {
                var started = DateTimeOffset.UtcNow;
                batch = await QuietlyReadAfterAsync(_sequence.Last, cancellationToken);
                int missed;
                lock (_gate)
                {
                    missed = _sequence.CatchUp(batch, Deliver);
                }

                if (missed > 0)
                {
                    metrics.EventsCaughtUp.Add(missed);
                    // Only a catch-up that brought what Redis did not says so, in one span of its own.
                    using var activity = RealtimeMetrics.ActivitySource.StartActivity(
                        ActivityKind.Internal, parentContext: default, name: "catch up from PostgreSQL", startTime: started);
                    activity?.SetTag("callcenter.event.id", _sequence.Last);
                    activity?.SetTag("callcenter.events.caught_up", missed);
                }
            }
            while (batch.Count == CatchUpBatch);
            _outage.Succeeded();
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception) && !cancellationToken.IsCancellationRequested)
        {
            _outage.Failed(exception);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Catching up from PostgreSQL failed; the next tick tries again");
        }
    }

    /// <summary>The catch-up runs four times a second on every replica and nearly always finds nothing: its reads stay out of the traces.</summary>
    private async Task<IReadOnlyList<LiveEvent>> QuietlyReadAfterAsync(long after, CancellationToken cancellationToken)
    {
        using (SuppressInstrumentationScope.Begin())
        {
            return await store.ReadAfterAsync(after, CatchUpBatch, cancellationToken);
        }
    }

    private void CutOffSockets()
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber.CutOff();
            }
            catch (AggregateException exception)
            {
                // A callback on one socket's cancellation threw: the other sockets are still cut off.
                logger.LogWarning(exception, "Cutting a live-update socket off failed");
            }
        }
    }

    private void Deliver(LiveEvent liveEvent)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Offer(liveEvent);
        }
    }

    private async Task<long> StartingPointAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return (await store.BoundsAsync(cancellationToken)).Last;
            }
            catch (Exception exception) when (exception is NpgsqlException || DatabaseFailures.IsUnavailable(exception))
            {
                logger.LogWarning(exception, "Cannot read the event stream's position yet; retrying");
                await Task.Delay(options.Value.CatchUpInterval, cancellationToken);
            }
        }
    }

    /// <summary>Redis only wakes us early; if it is down at start we keep trying while PostgreSQL carries the load.</summary>
    private async Task SubscribeToRedisAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
                {
                    try
                    {
                        Accept(LiveEvent.FromFrame((byte[])message!, traceParent: null));
                    }
                    catch (System.Text.Json.JsonException exception)
                    {
                        logger.LogWarning(exception, "Ignored a malformed message on {Channel}", Channel);
                    }
                });
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                logger.LogWarning(exception, "Subscribing to Redis failed; retrying while PostgreSQL catch-up carries events");
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.CatchUpInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            _incoming.Writer.TryWrite(null);
        }
    }
}
