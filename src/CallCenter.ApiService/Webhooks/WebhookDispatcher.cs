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
/// endpoint's next event waits while the current one is retried. Looks are kept out of traces unless they send something.
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
                        _working[endpointId] = Task.Run(() => WorkAsync(endpointId, stoppingToken), stoppingToken);
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

        try
        {
            while (await DeliverNextAsync(connection, endpointId, cancellationToken))
            {
            }
        }
        finally
        {
            // A broken connection took the lock with it.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "SELECT pg_advisory_unlock(@LockClass, @key)", new { LockClass, key = (int)endpointId }, cancellationToken: CancellationToken.None));
            }
        }
    }

    /// <summary>Sends the next queued redelivery or the next wanted event; false when there is nothing more to send now.</summary>
    private async Task<bool> DeliverNextAsync(NpgsqlConnection connection, long endpointId, CancellationToken cancellationToken)
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
                SELECT e.event_id, e.type, e.data::text AS data, e.occurred_at FROM webhook_redeliveries r JOIN events e USING (event_id)
                WHERE r.endpoint_id = @endpointId ORDER BY e.event_id LIMIT 1;
                """, new { endpointId }, cancellationToken: cancellationToken));
            endpoint = await read.ReadSingleOrDefaultAsync<DueEndpoint>();
            redelivery = await read.ReadSingleOrDefaultAsync<OutgoingEvent>();
        }

        if (endpoint is not { Enabled: true })
        {
            return false;
        }

        if (redelivery is not null)
        {
            var again = await SendAsync(endpoint, redelivery, SigningSecrets(endpoint), cancellationToken);
            await LogAsync(connection, endpoint.EndpointId, redelivery, again, again.Delivered ? "delivered" : "failed", cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM webhook_redeliveries WHERE endpoint_id = @endpointId AND event_id = @EventId",
                new { endpointId, redelivery.EventId }, cancellationToken: cancellationToken));
            return true;
        }

        if (endpoint.NextAttemptAt > clock.GetUtcNow().UtcDateTime)
        {
            return false;
        }

        var batch = await NextEventsAsync(connection, endpoint, cancellationToken);
        if (batch.Count == 0)
        {
            return false;
        }

        // Sent in order; the cursor and the log are written once for the run of 2xx answers, so a replica that dies
        // before writing them sends that run again: at least once, never skipping.
        var signing = SigningSecrets(endpoint);
        var delivered = new List<(OutgoingEvent Event, DeliveryAttempt Attempt)>(batch.Count);
        foreach (var next in batch)
        {
            var attempt = await SendAsync(endpoint, next, signing, cancellationToken);
            if (!attempt.Delivered)
            {
                await RecordDeliveredAsync(connection, endpointId, delivered, cancellationToken);
                await RecordFailureAsync(connection, endpoint, next, attempt, cancellationToken);
                return false;
            }

            delivered.Add((next, attempt));
            metrics.Delivered();
        }

        await RecordDeliveredAsync(connection, endpointId, delivered, cancellationToken);
        return true;
    }

    private async Task RecordFailureAsync(
        NpgsqlConnection connection, DueEndpoint endpoint, OutgoingEvent next, DeliveryAttempt attempt, CancellationToken cancellationToken)
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

    /// <summary>The cursor past a run of delivered events, and their log lines, in one round trip.</summary>
    private async Task RecordDeliveredAsync(
        NpgsqlConnection connection, long endpointId, IReadOnlyList<(OutgoingEvent Event, DeliveryAttempt Attempt)> delivered, CancellationToken cancellationToken)
    {
        if (delivered.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            UPDATE webhook_endpoints SET delivered_through = $2, failures = 0, failing_since = NULL, next_attempt_at = $3
            WHERE endpoint_id = $1
            """)
        {
            Parameters = { new() { Value = endpointId }, new() { Value = delivered[^1].Event.EventId }, new() { Value = clock.GetUtcNow() } },
        });
        foreach (var (outgoing, attempt) in delivered)
        {
            batch.BatchCommands.Add(LogCommand(endpointId, outgoing, attempt, "delivered"));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Up to <see cref="BatchSize"/> wanted events after the cursor, in order; with none, the cursor moves past the unwanted ones.</summary>
    private static async Task<IReadOnlyList<OutgoingEvent>> NextEventsAsync(NpgsqlConnection connection, DueEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var quiet = SuppressInstrumentationScope.Begin();
        var last = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT last_id FROM event_counter", cancellationToken: cancellationToken));
        var next = (await connection.QueryAsync<OutgoingEvent>(new CommandDefinition(
            """
            SELECT event_id, type, data::text AS data, occurred_at FROM events
            WHERE event_id > @DeliveredThrough AND event_id <= @last AND (@all = ANY(@EventTypes) OR type = ANY(@EventTypes))
            ORDER BY event_id LIMIT @BatchSize
            """, new { endpoint.DeliveredThrough, last, all = WantedEvents.All, endpoint.EventTypes, BatchSize }, cancellationToken: cancellationToken))).ToList();
        if (next.Count == 0 && last > endpoint.DeliveredThrough)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE webhook_endpoints SET delivered_through = @last WHERE endpoint_id = @EndpointId AND delivered_through < @last",
                new { last, endpoint.EndpointId }, cancellationToken: cancellationToken));
        }

        return next;
    }

    private async Task<DeliveryAttempt> SendAsync(DueEndpoint endpoint, OutgoingEvent outgoing, IReadOnlyList<string> signing, CancellationToken cancellationToken)
    {
        using var activity = WebhookMetrics.ActivitySource.StartActivity("webhook deliver", ActivityKind.Producer, parentContext: default);
        activity?.SetTag("callcenter.webhook.endpoint_id", endpoint.EndpointId);
        activity?.SetTag("callcenter.event.id", outgoing.EventId);
        var frame = LiveEvent.FromStored(outgoing.EventId, outgoing.Type, outgoing.Data, outgoing.OccurredAt, null).Frame;
        var attempt = await sender.SendAsync(new Uri(endpoint.Url), outgoing.EventId, frame, signing, cancellationToken);
        activity?.SetTag("http.response.status_code", attempt.StatusCode);
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
        NpgsqlConnection connection, long endpointId, OutgoingEvent outgoing, DeliveryAttempt attempt, string status, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { LogCommand(endpointId, outgoing, attempt, status) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand LogCommand(long endpointId, OutgoingEvent outgoing, DeliveryAttempt attempt, string status) =>
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
                new() { Value = outgoing.EventId },
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
