using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Realtime;
using CallCenter.ApiService.Security;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;

namespace CallCenter.ApiService.Webhooks;

/// <summary>
/// Sends each endpoint the events it wants, from the event log, in order, at least once. Every replica runs one; a
/// session advisory lock per endpoint lets one replica at a time work an endpoint (a killed replica's lock goes with its
/// connection), and the cursor moves only after a 2xx, so an event in flight when a replica dies is sent again. An
/// endpoint's next event waits while the current one is retried. Each endpoint's worker runs on a
/// <see cref="DeliveryThread"/> of its own and sends blocking, so an answer wakes it at once. Looks are kept out of
/// traces unless they send something.
/// </summary>
public sealed class WebhookDispatcher(
    DatabaseCircuit circuit,
    CallCenterDatabase database,
    WebhookSender sender,
    WebhookSecrets secrets,
    RetrySchedule schedule,
    AuditTrail audit,
    WebhookMetrics metrics,
    EventFeed feed,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    // "Wh" in ASCII: the first half of every endpoint's lock key, the endpoint id the second.
    private const int LockClass = 0x5768;

    /// <summary>Events read and sent per look at the log; their cursor and log lines are then written together.</summary>
    private const int BatchSize = 100;

    private readonly ConcurrentDictionary<long, Task> _working = new();
    private readonly OutageLog _outage = new(logger, "Delivering webhooks");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await feed.Ready.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            try
            {
                foreach (var endpointId in await DueAsync(stoppingToken))
                {
                    if (!_working.TryGetValue(endpointId, out var running) || running.IsCompleted)
                    {
                        _working[endpointId] = DeliveryThread.Run(() => WorkAsync(endpointId, stoppingToken), $"Webhook endpoint {endpointId}");
                    }
                }

                _outage.Succeeded();
            }
            catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception) && !stoppingToken.IsCancellationRequested)
            {
                _outage.Failed(exception);
            }
            catch (NpgsqlException exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Looking for webhooks to deliver failed; the next look tries again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<IEnumerable<long>> DueAsync(CancellationToken cancellationToken)
    {
        using var quiet = SuppressInstrumentationScope.Begin();
        await using var connection = await circuit.OpenConnectionAsync(cancellationToken);
        return await connection.QueryAsync<long>(new CommandDefinition(
            """
            SELECT endpoint_id FROM webhook_endpoints
            WHERE enabled AND ((next_attempt_at <= now() AND delivered_through < (SELECT last_id FROM event_counter))
                OR EXISTS (SELECT 1 FROM webhook_redeliveries r WHERE r.endpoint_id = webhook_endpoints.endpoint_id))
            """, cancellationToken: cancellationToken));
    }

    private async Task WorkAsync(long endpointId, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverWhileDueAsync(endpointId, cancellationToken);
        }
        catch (Exception exception) when ((DatabaseFailures.IsUnavailable(exception)
            || exception is NpgsqlException or TimeoutException or InvalidOperationException or CryptographicException)
            && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Delivering to webhook endpoint {EndpointId} stopped; the next look tries again", endpointId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the cursor did not move past what was not delivered.
        }
    }

    private async Task DeliverWhileDueAsync(long endpointId, CancellationToken cancellationToken)
    {
        await using var connection = await circuit.OpenConnectionAsync(cancellationToken);
        using (SuppressInstrumentationScope.Begin())
        {
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT pg_try_advisory_lock(@LockClass, @key)", new { LockClass, key = (int)endpointId }, cancellationToken: cancellationToken)))
            {
                return;
            }
        }

        // Subscribed before the log is first read: every event after StartedAfter also comes through the inbox, so once
        // the cursor is past it the worker sends the feed's own frames as they come, without reading the log again.
        var run = new EndpointRun(endpointId, feed.Subscribe(EventFilter.Everything));
        try
        {
            while (true)
            {
                var progress = await DeliverNextAsync(connection, run, cancellationToken);
                var recordIn = options.Value.RecordEvery - (clock.GetUtcNow() - run.HeldSince);
                if (run.Held.Count > 0 && (recordIn <= TimeSpan.Zero || run.Held.Count >= BatchSize || progress == Progress.Stopped))
                {
                    await RecordHeldAsync(connection, run, cancellationToken);
                }

                if (progress == Progress.Sent)
                {
                    continue;
                }

                if (progress == Progress.Stopped)
                {
                    break;
                }

                // Caught up: wait for the feed's next event, but not past the moment the held deliveries are due to be recorded.
                if (await NextEventAsync(run.Feed, run.Held.Count > 0 ? recordIn : options.Value.IdleHold, cancellationToken))
                {
                    continue;
                }

                if (run.Held.Count == 0)
                {
                    break;
                }

                await RecordHeldAsync(connection, run, cancellationToken);
            }

            await SaveCursorAsync(connection, run, cancellationToken);
        }
        finally
        {
            feed.Unsubscribe(run.Feed);
            // A broken connection took the lock with it.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "SELECT pg_advisory_unlock(@LockClass, @key)", new { LockClass, key = (int)endpointId }, cancellationToken: CancellationToken.None));
            }
        }
    }

    /// <summary>Holds a caught-up endpoint for the feed's next event; false after <paramref name="wait"/> without one, or once the inbox overflowed.</summary>
    private async Task<bool> NextEventAsync(EventSubscriber subscriber, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1), clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        try
        {
            return await subscriber.Inbox.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Sends the next queued redelivery or the next run of wanted events.</summary>
    private async Task<Progress> DeliverNextAsync(NpgsqlConnection connection, EndpointRun run, CancellationToken cancellationToken)
    {
        if (run.Endpoint is null || clock.GetUtcNow() - run.ReadAt >= options.Value.EndpointRefresh)
        {
            DueEndpoint? endpoint;
            OutgoingEvent? redelivery;
            using (SuppressInstrumentationScope.Begin())
            {
                using var read = await connection.QueryMultipleAsync(new CommandDefinition(
                    """
                    SELECT endpoint_id, url, event_types, enabled, secret, previous_secret, previous_until,
                           delivered_through, failures, next_attempt_at, failing_since
                    FROM webhook_endpoints WHERE endpoint_id = @endpointId;
                    SELECT e.event_id, e.type, e.data::text AS data, e.occurred_at, e.trace_parent FROM webhook_redeliveries r JOIN events e USING (event_id)
                    WHERE r.endpoint_id = @endpointId ORDER BY e.event_id LIMIT 1;
                    """, new { endpointId = run.EndpointId }, cancellationToken: cancellationToken));
                endpoint = await read.ReadSingleOrDefaultAsync<DueEndpoint>();
                redelivery = await read.ReadSingleOrDefaultAsync<OutgoingEvent>();
            }

            if (endpoint is not { Enabled: true })
            {
                return Progress.Stopped;
            }

            run.Read(endpoint, clock.GetUtcNow());
            if (redelivery is not null)
            {
                var again = Send(endpoint, redelivery.ToLive(), SigningSecrets(endpoint), cancellationToken);
                await LogAsync(connection, endpoint.EndpointId, redelivery.ToLive(), again, again.Delivered ? "delivered" : "failed", cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM webhook_redeliveries WHERE endpoint_id = @EndpointId AND event_id = @EventId",
                    new { run.EndpointId, redelivery.EventId }, cancellationToken: cancellationToken));
                run.Forget();
                return Progress.Sent;
            }

            if (endpoint.NextAttemptAt > clock.GetUtcNow().UtcDateTime)
            {
                return Progress.Stopped;
            }
        }

        var (batch, through) = run.Feed.Overflowed || run.Through < run.Feed.StartedAfter
            ? await NextEventsAsync(connection, run.Endpoint!, run.Through, cancellationToken)
            : run.Drain(BatchSize);
        if (batch.Count == 0)
        {
            run.Skipped(through);
            return Progress.CaughtUp;
        }

        // Sent in order; the cursor and the log are written once for the run of 2xx answers, so a replica that dies
        // before writing them sends that run again: at least once, never skipping.
        var signing = SigningSecrets(run.Endpoint!);
        var delivered = new List<(LiveEvent Event, DeliveryAttempt Attempt)>(batch.Count);
        foreach (var next in batch)
        {
            var attempt = Send(run.Endpoint!, next, signing, cancellationToken);
            if (!attempt.Delivered)
            {
                if (delivered.Count > 0)
                {
                    run.Hold(delivered, delivered[^1].Event.Id, clock.GetUtcNow());
                    await RecordHeldAsync(connection, run, cancellationToken);
                }

                await RecordFailureAsync(connection, run.Endpoint!, next, attempt, cancellationToken);
                return Progress.Stopped;
            }

            delivered.Add((next, attempt));
            metrics.Delivered();
        }

        run.Hold(delivered, through, clock.GetUtcNow());
        return Progress.Sent;
    }

    private async Task RecordFailureAsync(
        NpgsqlConnection connection, DueEndpoint endpoint, LiveEvent next, DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        var endpointId = endpoint.EndpointId;
        var failingSince = endpoint.FailingSince is { } since ? new DateTimeOffset(since, TimeSpan.Zero) : clock.GetUtcNow();
        var disabledFor = attempt.Gone ? "gone" : schedule.FailedTooLong(failingSince, options.Value.DisableAfter) ? "failing" : null;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_endpoints SET failures = failures + 1, failing_since = @failingSince, next_attempt_at = @nextAttemptAt
            WHERE endpoint_id = @endpointId
            """,
            new { endpointId, failingSince, nextAttemptAt = schedule.NextAttemptAt(endpoint.Failures + 1, attempt.RetryAfter) },
            cancellationToken: cancellationToken));
        await LogAsync(connection, endpointId, next, attempt, disabledFor is null ? "retrying" : "failed", cancellationToken);
        metrics.Failed(disabledFor ?? "retrying");
        if (disabledFor is not null)
        {
            await DisableAsync(endpointId, disabledFor, cancellationToken);
        }
    }

    /// <summary>
    /// The cursor past the held deliveries (and the unwanted events among and after them), and their log lines, in one
    /// round trip. Until then a replica that dies leaves them to be sent again: at least once, never skipping.
    /// </summary>
    private async Task RecordHeldAsync(NpgsqlConnection connection, EndpointRun run, CancellationToken cancellationToken)
    {
        var (delivered, through) = (run.Held, run.HeldThrough);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            UPDATE webhook_endpoints SET delivered_through = $2, failures = 0, failing_since = NULL, next_attempt_at = $3
            WHERE endpoint_id = $1
            """)
        {
            Parameters = { new() { Value = run.EndpointId }, new() { Value = through }, new() { Value = clock.GetUtcNow() } },
        });
        foreach (var (sent, attempt) in delivered)
        {
            batch.BatchCommands.Add(LogCommand(run.EndpointId, sent, attempt, "delivered"));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        run.Saved(through);
    }

    /// <summary>Leaving: the cursor past the unwanted events seen since the last delivery, so the next look starts after them.</summary>
    private static async Task SaveCursorAsync(NpgsqlConnection connection, EndpointRun run, CancellationToken cancellationToken)
    {
        if (run.Through > run.SavedThrough)
        {
            using var quiet = SuppressInstrumentationScope.Begin();
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE webhook_endpoints SET delivered_through = @Through WHERE endpoint_id = @EndpointId AND delivered_through < @Through",
                new { run.Through, run.EndpointId }, cancellationToken: cancellationToken));
        }
    }

    /// <summary>
    /// Up to <see cref="BatchSize"/> wanted events after <paramref name="after"/> from the log, in order, and how far
    /// they cover: the last one when the batch is full, else everything committed so far.
    /// </summary>
    private static async Task<(IReadOnlyList<LiveEvent> Batch, long Through)> NextEventsAsync(
        NpgsqlConnection connection, DueEndpoint endpoint, long after, CancellationToken cancellationToken)
    {
        using var quiet = SuppressInstrumentationScope.Begin();
        var last = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT last_id FROM event_counter", cancellationToken: cancellationToken));
        var next = (await connection.QueryAsync<OutgoingEvent>(new CommandDefinition(
            """
            SELECT event_id, type, data::text AS data, occurred_at, trace_parent FROM events
            WHERE event_id > @after AND event_id <= @last AND (@all = ANY(@EventTypes) OR type = ANY(@EventTypes))
            ORDER BY event_id LIMIT @BatchSize
            """, new { after, last, all = WantedEvents.All, endpoint.EventTypes, BatchSize }, cancellationToken: cancellationToken)))
            .Select(row => row.ToLive()).ToList();
        return (next, next.Count == BatchSize ? next[^1].Id : Math.Max(after, last));
    }

    private DeliveryAttempt Send(DueEndpoint endpoint, LiveEvent outgoing, IReadOnlyList<string> signing, CancellationToken cancellationToken)
    {
        var url = new Uri(endpoint.Url);
        // The delivery's one span, in the trace of the request that caused the event when it had one: the POST's own
        // (HttpClient's) is left out, so a delivery is one span, not two.
        using var activity = WebhookMetrics.ActivitySource.StartActivity("webhook deliver", ActivityKind.Client, outgoing.Cause);
        activity?.SetTag("callcenter.webhook.endpoint_id", endpoint.EndpointId);
        activity?.SetTag("callcenter.event.id", outgoing.Id);
        activity?.SetTag("http.request.method", "POST");
        activity?.SetTag("server.address", url.Host);
        activity?.SetTag("server.port", url.Port);
        var attempt = sender.Send(url, outgoing.Id, outgoing.Frame, signing, cancellationToken);
        if (attempt.StatusCode is { } status)
        {
            activity?.SetTag("http.response.status_code", status);
        }

        if (!attempt.Delivered)
        {
            activity?.SetStatus(ActivityStatusCode.Error, attempt.Error ?? $"HTTP {attempt.StatusCode}");
        }

        return attempt;
    }

    /// <summary>The current secret, and the one a rotation replaced while its grace period lasts.</summary>
    private IReadOnlyList<string> SigningSecrets(DueEndpoint endpoint)
    {
        List<string> signing = [secrets.Unprotect(endpoint.Secret)];
        if (endpoint is { PreviousSecret: { } previous, PreviousUntil: { } until } && until > clock.GetUtcNow().UtcDateTime)
        {
            signing.Add(secrets.Unprotect(previous));
        }

        return signing;
    }

    private static async Task LogAsync(
        NpgsqlConnection connection, long endpointId, LiveEvent outgoing, DeliveryAttempt attempt, string status, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { LogCommand(endpointId, outgoing, attempt, status) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand LogCommand(long endpointId, LiveEvent outgoing, DeliveryAttempt attempt, string status) =>
        new("""
            INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, status, attempts, response_code, duration_ms, response_body, error, last_attempt_at)
            VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, now())
            ON CONFLICT (endpoint_id, event_id) DO UPDATE SET
                status = excluded.status, attempts = webhook_deliveries.attempts + 1, response_code = excluded.response_code,
                duration_ms = excluded.duration_ms, response_body = excluded.response_body, error = excluded.error,
                last_attempt_at = excluded.last_attempt_at
            """)
        {
            Parameters =
            {
                new() { Value = endpointId },
                new() { Value = outgoing.Id },
                new() { Value = outgoing.Type },
                new() { Value = status },
                new() { Value = (object?)attempt.StatusCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer },
                new() { Value = (int)attempt.Duration.TotalMilliseconds },
                new() { Value = (object?)attempt.ResponseBody ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = (object?)attempt.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
            },
        };

    /// <summary>Stops delivery to an endpoint that is gone or failed too long, and says so in the audit log.</summary>
    private Task DisableAsync(long endpointId, string reason, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async work =>
        {
            await work.ExecuteAsync(
                "UPDATE webhook_endpoints SET enabled = false, disabled_reason = @reason WHERE endpoint_id = @endpointId", new { endpointId, reason });
            await audit.RecordAsync(work, $"webhook:disabled:{reason}", $"webhook:{endpointId}", FloorCaller.System);
            logger.LogWarning("Webhook endpoint {EndpointId} disabled: {Reason}", endpointId, reason);
            return true;
        }, cancellationToken);
}
