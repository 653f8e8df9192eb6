using System.Diagnostics;
using StackExchange.Redis;

namespace CallCenter.ApiService.Realtime;

/// <summary>
/// After a commit: the event goes to this replica's own sockets directly and to the other replicas through
/// Redis. Redis failing loses nothing: the other replicas read PostgreSQL on their next catch-up.
/// </summary>
public sealed class EventBus(EventFeed feed, IConnectionMultiplexer redis, RealtimeMetrics metrics, ILogger<EventBus> logger)
{
    public void PublishCommitted(IReadOnlyList<LiveEvent> events)
    {
        foreach (var liveEvent in events)
        {
            // Part of the trace of the request that caused the event, and so kept or left out with it; an event with
            // no request behind it starts a trace of its own.
            using var activity = RealtimeMetrics.ActivitySource.StartActivity($"publish {liveEvent.Type}", ActivityKind.Producer, liveEvent.Cause);
            activity?.SetTag("callcenter.event.id", liveEvent.Id);
            activity?.SetTag("messaging.destination.name", EventFeed.Channel.ToString());
            feed.Accept(liveEvent);
            metrics.EventsPublished.Add(1);
            try
            {
                redis.GetSubscriber().Publish(EventFeed.Channel, liveEvent.Frame, CommandFlags.FireAndForget);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
                logger.LogDebug(exception, "Redis publish of event {EventId} failed; replicas will read it from PostgreSQL", liveEvent.Id);
            }
        }
    }
}
