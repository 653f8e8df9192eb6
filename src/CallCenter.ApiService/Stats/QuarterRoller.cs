using System.Diagnostics;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Realtime;
using Npgsql;
using OpenTelemetry;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// Stores each quarter-hour of the floor's figures once it settles, so a report reads stored quarters and counts only
/// the last few from the history. Every replica runs one; <see cref="QuarterRollup"/>'s lock lets one work at a time.
/// It looks twice a minute and stays out of traces unless it stored something. Quarters older than
/// <see cref="LookBack"/> that are missing (data loaded by hand, a long outage) come from <c>POST /api/stats/rebuild</c>.
/// </summary>
public sealed class QuarterRoller(
    QuarterStore store, QuarterRollup rollup, EventFeed feed, TimeProvider clock, ILogger<QuarterRoller> logger) : BackgroundService
{
    public static readonly ActivitySource ActivitySource = new("CallCenter.Stats");

    public static readonly TimeSpan LookBack = TimeSpan.FromDays(7);

    private static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    private readonly OutageLog _outage = new(logger, "Storing settled quarter-hours");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await feed.Ready.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await RollAsync(stoppingToken);
                _outage.Succeeded();
            }
            catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception) && !stoppingToken.IsCancellationRequested)
            {
                _outage.Failed(exception);
            }
            catch (NpgsqlException exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Storing settled quarter-hours failed; the next look tries again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RollAsync(CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var until = QuarterHours.Floor(clock.UtcNow() - QuarterHours.SettleTime);
        var rolled = new QuarterRoll(0, 0);
        using (SuppressInstrumentationScope.Begin())
        {
            var missing = await store.MissingAsync(new StatsWindow(until - LookBack, until), cancellationToken);
            foreach (var run in QuarterHours.Runs(missing))
            {
                if (await rollup.RollAsync(run, waitForLock: false, cancellationToken) is not { } done)
                {
                    return;
                }

                rolled = new QuarterRoll(rolled.Stored + done.Stored, rolled.Unsettled + done.Unsettled);
            }
        }

        // A quarter still holding a waiting call is looked at again each time: only a stored quarter is news.
        if (rolled.Stored > 0)
        {
            using var activity = ActivitySource.StartActivity("stats store quarters", ActivityKind.Internal, parentContext: default, startTime: started);
            activity?.SetTag("callcenter.stats.quarters_stored", rolled.Stored);
            activity?.SetTag("callcenter.stats.quarters_unsettled", rolled.Unsettled);
        }
    }
}
