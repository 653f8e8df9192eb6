using System.Diagnostics;
using System.Text.Json;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Realtime;
using Dapper;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// Pushes the floor's figures as <c>stats:updated</c> while the floor moves, at most once per
/// <c>Stats:PushIntervalSeconds</c>. Every replica watches its feed for floor events; the one whose conditional UPDATE
/// of <c>stats_push</c> succeeds computes the figures and appends the event in that same transaction, so exactly one
/// push is made per interval whichever replicas try, and a push that fails to commit releases the claim. The event
/// goes through the outbox like any other: it is numbered, replayed on resume and published to every replica, whose
/// <see cref="FloorMetrics"/> show it. A quiet floor makes no push, no query, no trace and no log.
/// </summary>
public sealed class LiveStats(
    EventFeed feed,
    CallCenterDatabase database,
    FloorStats stats,
    EventOutbox outbox,
    FloorMetrics metrics,
    IOptions<StatsOptions> options,
    IOptions<JsonOptions> jsonOptions,
    TimeProvider clock,
    ILogger<LiveStats> logger) : BackgroundService
{
    /// <summary>
    /// The claim, then the last push as it now stands: this one if the claim won, else the one that made it lose
    /// (a claim that waited on another replica's lock sees that replica's committed push).
    /// </summary>
    private const string ClaimSql = """
        UPDATE stats_push SET covered_event_id = @upTo, pushed_at = @now
        WHERE covered_event_id < @upTo AND pushed_at <= @now - @interval
        RETURNING true;
        SELECT covered_event_id, pushed_at FROM stats_push;
        """;

    private static readonly EventFilter Watched = new(new HashSet<string>(StringComparer.Ordinal) { "calls", "agents", "stats" }, null);

    private readonly OutageLog _outage = new(logger, "Pushing the floor's figures");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PushInterval;
        if (interval == TimeSpan.Zero)
        {
            return;
        }

        await feed.Ready.WaitAsync(stoppingToken);
        var schedule = new StatsPushSchedule(interval, clock);
        var subscriber = feed.Subscribe(Watched);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (subscriber.Inbox.Completion.IsCompleted)
                {
                    // The inbox overflowed: whatever it dropped may have moved the figures.
                    feed.Unsubscribe(subscriber);
                    subscriber = feed.Subscribe(Watched);
                    schedule.Saw(subscriber.StartedAfter);
                }

                switch (schedule.Wait())
                {
                    case null:
                        await subscriber.Inbox.WaitToReadAsync(stoppingToken);
                        break;
                    case { } wait when wait > TimeSpan.Zero:
                        await Task.Delay(wait, clock, stoppingToken);
                        break;
                    default:
                        await TryPushAsync(schedule, stoppingToken);
                        break;
                }

                Take(subscriber, schedule);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            feed.Unsubscribe(subscriber);
        }
    }

    private void Take(EventSubscriber subscriber, StatsPushSchedule schedule)
    {
        while (subscriber.Inbox.TryRead(out var liveEvent))
        {
            if (liveEvent.Type == EventTypes.StatsUpdated)
            {
                metrics.Show(FiguresOf(liveEvent));
            }
            else if (StatsTrigger.MovesFigures(liveEvent))
            {
                schedule.Saw(liveEvent.Id);
            }
        }
    }

    private StatsUpdated FiguresOf(LiveEvent liveEvent)
    {
        using var frame = JsonDocument.Parse(liveEvent.Frame);
        return frame.RootElement.GetProperty("data").Deserialize<StatsUpdated>(jsonOptions.Value.SerializerOptions)!;
    }

    private async Task TryPushAsync(StatsPushSchedule schedule, CancellationToken cancellationToken)
    {
        try
        {
            var (covered, pushedAt) = await PushAsync(schedule.SeenEventId, cancellationToken);
            schedule.Pushed(covered, pushedAt);
            _outage.Succeeded();
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception) && !cancellationToken.IsCancellationRequested)
        {
            _outage.Failed(exception);
            await Task.Delay(options.Value.PushInterval, clock, cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Pushing the floor's figures failed; trying again");
            await Task.Delay(options.Value.PushInterval, clock, cancellationToken);
        }
    }

    /// <summary>Claims the push and, if this replica won, makes it; answers the last push either way.</summary>
    private async Task<(long Covered, DateTime PushedAt)> PushAsync(long upTo, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        // Claims that lose are not worth a trace; a push is one span, which its event links back to.
        var quiet = SuppressInstrumentationScope.Begin();
        Activity? activity = null;
        try
        {
            return await database.InTransactionAsync(async work =>
            {
                var now = clock.UtcNow();
                bool claimed;
                (long Covered, DateTime PushedAt) last;
                using (var claim = await work.QueryMultipleAsync(ClaimSql, new { upTo, now, interval = options.Value.PushInterval }))
                {
                    claimed = (await claim.ReadAsync<bool>()).Any();
                    last = await claim.ReadSingleAsync<(long, DateTime)>();
                }

                if (claimed)
                {
                    quiet.Dispose();
                    activity = FloorMetrics.ActivitySource.StartActivity(ActivityKind.Internal, parentContext: default, name: "push floor figures", startTime: started);
                    activity?.SetTag("callcenter.event.id", upTo);
                    outbox.Append(work, EventTypes.StatsUpdated, await stats.FloorNowAsync(now, cancellationToken), occurredAt: now);
                }

                return last;
            }, cancellationToken);
        }
        finally
        {
            quiet.Dispose();
            activity?.Dispose();
        }
    }
}
