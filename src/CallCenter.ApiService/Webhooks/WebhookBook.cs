using CallCenter.ApiService.Data;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using Dapper;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Webhooks;

/// <summary>
/// The endpoints admins register, each audited. A new endpoint gets events numbered after its creation; its secret is
/// returned once and stored encrypted; a rotation keeps the old secret signing for the grace period.
/// </summary>
public sealed class WebhookBook(
    CallCenterDatabase database,
    WebhookTarget target,
    WebhookSecrets secrets,
    AuditTrail audit,
    FloorCallers callers,
    IOptions<WebhookOptions> options,
    TimeProvider clock)
{
    private const string Columns = """
        endpoint_id, url, event_types, enabled, disabled_reason, created_at, created_by,
        delivered_through, failures, next_attempt_at, failing_since, previous_until
        """;

    public async Task<WebhookSecretIssued> CreateAsync(CreateWebhookRequest request, CancellationToken cancellationToken)
    {
        var types = WantedEvents.Check(request.EventTypes!);
        var url = await target.CheckAsync(request.Url!, cancellationToken);
        var secret = WebhookSignature.NewSecret();
        var stored = await secrets.ProtectAsync(secret, cancellationToken);
        var endpoint = await database.InTransactionAsync(async work =>
        {
            var created = await work.QuerySingleAsync<WebhookEndpoint>(
                $"""
                INSERT INTO webhook_endpoints (url, event_types, enabled, secret, created_at, created_by, delivered_through, next_attempt_at)
                VALUES (@url, @types, @enabled, @stored, @now, @by, (SELECT last_id FROM event_counter), @now)
                RETURNING {Columns}
                """,
                new { url = url.AbsoluteUri, types, enabled = request.Enabled ?? true, stored, now = clock.UtcNow(), by = callers.Current.Name });
            await audit.RecordAsync(work, "webhook:created", Subject(created.EndpointId));
            return created;
        }, cancellationToken);
        return new WebhookSecretIssued(endpoint, secret);
    }

    public Task<IEnumerable<WebhookEndpoint>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QueryAsync<WebhookEndpoint>(
            $"SELECT {Columns} FROM webhook_endpoints ORDER BY endpoint_id"), cancellationToken);

    public Task<WebhookEndpoint> GetAsync(string endpointId, CancellationToken cancellationToken) => GetAsync(Number(endpointId), cancellationToken);

    private async Task<WebhookEndpoint> GetAsync(long endpointId, CancellationToken cancellationToken) =>
        await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<WebhookEndpoint>(
            $"SELECT {Columns} FROM webhook_endpoints WHERE endpoint_id = @endpointId", new { endpointId }), cancellationToken)
        ?? throw NotFound(endpointId);

    public async Task<WebhookEndpoint> UpdateAsync(string endpoint, UpdateWebhookRequest request, CancellationToken cancellationToken)
    {
        var endpointId = Number(endpoint);
        var types = request.EventTypes is null ? null : WantedEvents.Check(request.EventTypes);
        var url = request.Url is null ? null : (await target.CheckAsync(request.Url, cancellationToken)).AbsoluteUri;
        return await database.InTransactionAsync(async work =>
        {
            // Enabling again starts the retries afresh from the event the endpoint stopped on.
            var updated = await work.QuerySingleOrDefaultAsync<WebhookEndpoint>(
                $"""
                UPDATE webhook_endpoints SET
                    url = coalesce(@url, url),
                    event_types = coalesce(@types, event_types),
                    enabled = coalesce(@enabled, enabled),
                    disabled_reason = CASE WHEN coalesce(@enabled, enabled) THEN NULL ELSE coalesce(disabled_reason, 'admin') END,
                    failures = CASE WHEN @enabled AND NOT enabled THEN 0 ELSE failures END,
                    failing_since = CASE WHEN @enabled AND NOT enabled THEN NULL ELSE failing_since END,
                    next_attempt_at = CASE WHEN @enabled AND NOT enabled THEN @now ELSE next_attempt_at END
                WHERE endpoint_id = @endpointId
                RETURNING {Columns}
                """,
                new { endpointId, url, types, enabled = request.Enabled, now = clock.UtcNow() }) ?? throw NotFound(endpointId);
            await audit.RecordAsync(work, "webhook:updated", Subject(endpointId));
            return updated;
        }, cancellationToken);
    }

    public Task DeleteAsync(string endpoint, CancellationToken cancellationToken) => DeleteAsync(Number(endpoint), cancellationToken);

    private Task DeleteAsync(long endpointId, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async work =>
        {
            if (await work.ExecuteAsync("DELETE FROM webhook_endpoints WHERE endpoint_id = @endpointId", new { endpointId }) == 0)
            {
                throw NotFound(endpointId);
            }

            await audit.RecordAsync(work, "webhook:deleted", Subject(endpointId));
            return true;
        }, cancellationToken);

    /// <summary>A new secret; the current one keeps signing beside it until the grace period ends.</summary>
    public async Task<WebhookSecretIssued> RotateSecretAsync(string endpointNumber, CancellationToken cancellationToken)
    {
        var endpointId = Number(endpointNumber);
        var secret = WebhookSignature.NewSecret();
        var stored = await secrets.ProtectAsync(secret, cancellationToken);
        var endpoint = await database.InTransactionAsync(async work =>
        {
            var rotated = await work.QuerySingleOrDefaultAsync<WebhookEndpoint>(
                $"""
                UPDATE webhook_endpoints SET previous_secret = secret, previous_until = @until, secret = @stored
                WHERE endpoint_id = @endpointId
                RETURNING {Columns}
                """,
                new { endpointId, stored, until = clock.UtcNow() + options.Value.SecretGracePeriod }) ?? throw NotFound(endpointId);
            await audit.RecordAsync(work, "webhook:secret_rotated", Subject(endpointId));
            return rotated;
        }, cancellationToken);
        return new WebhookSecretIssued(endpoint, secret);
    }

    public async Task<Page<WebhookDelivery>> DeliveriesAsync(string endpoint, WebhookDeliveryListRequest request, CancellationToken cancellationToken)
    {
        var endpointId = Number(endpoint);
        await GetAsync(endpointId, cancellationToken);
        return await database.ReadAsync(connection => connection.QueryPageAsync<WebhookDelivery>(
            "webhook_deliveries", "WHERE endpoint_id = @endpointId", "event_id DESC", new { endpointId },
            PagedQuery.ToPaging(request.Limit, request.Offset)), cancellationToken);
    }

    /// <summary>Queues kept events of the range for one more attempt each, outside the endpoint's order.</summary>
    public async Task<WebhookRedeliveries> RedeliverAsync(string endpoint, RedeliverWebhookRequest request, CancellationToken cancellationToken)
    {
        var endpointId = Number(endpoint);
        var (from, to) = Range(request);
        await GetAsync(endpointId, cancellationToken);
        var queued = await database.InTransactionAsync(async work =>
        {
            var count = await work.ExecuteAsync(
                """
                INSERT INTO webhook_redeliveries (endpoint_id, event_id)
                SELECT @endpointId, event_id FROM events WHERE event_id BETWEEN @from AND @to
                ON CONFLICT DO NOTHING
                """,
                new { endpointId, from, to });
            await audit.RecordAsync(work, "webhook:redelivered", Subject(endpointId));
            return count;
        }, cancellationToken);
        return new WebhookRedeliveries(endpointId, queued);
    }

    private const int MaxRedeliveries = 10_000;

    private static (long From, long To) Range(RedeliverWebhookRequest request)
    {
        if (request.EventId is { } single)
        {
            return request.FromEventId is null && request.ToEventId is null
                ? (single, single)
                : throw ApiProblemException.Invalid("event_id", "give event_id alone, or from_event_id and to_event_id.");
        }

        if (request is not { FromEventId: { } from, ToEventId: { } to })
        {
            throw ApiProblemException.Invalid("event_id", "give event_id, or from_event_id and to_event_id.");
        }

        if (to < from || to - from >= MaxRedeliveries)
        {
            throw ApiProblemException.Invalid("to_event_id", $"must be at least from_event_id and at most {MaxRedeliveries - 1} after it.");
        }

        return (from, to);
    }

    /// <summary>An endpoint id from the path; anything but a number names no endpoint.</summary>
    private static long Number(string endpointId) =>
        long.TryParse(endpointId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : throw ApiProblemException.NotFound("Webhook endpoint", endpointId);

    private static string Subject(long endpointId) => $"webhook:{endpointId}";

    private static ApiProblemException NotFound(long endpointId) =>
        ApiProblemException.NotFound("Webhook endpoint", endpointId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
