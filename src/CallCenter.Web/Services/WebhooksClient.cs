using static CallCenter.Web.Services.ApiHttp;

namespace CallCenter.Web.Services;

/// <summary>An admin's work on webhook endpoints: register, enable or disable, read the delivery log, redeliver.</summary>
public sealed class WebhooksClient(HttpClient http)
{
    public Task<WebhookList> ListAsync(CancellationToken cancellationToken) =>
        http.GetAsync<WebhookList>("/api/webhooks", cancellationToken);

    public Task<WebhookEndpoint> GetAsync(long endpointId, CancellationToken cancellationToken) =>
        http.GetAsync<WebhookEndpoint>($"/api/webhooks/{endpointId}", cancellationToken);

    public Task<WebhookSecretIssued> CreateAsync(string url, IReadOnlyList<string> eventTypes, CancellationToken cancellationToken) =>
        http.PostAsync<WebhookSecretIssued>("/api/webhooks", new { url, event_types = eventTypes }, cancellationToken);

    public Task<WebhookEndpoint> EnableAsync(long endpointId, bool enabled, CancellationToken cancellationToken) =>
        http.PatchAsync<WebhookEndpoint>($"/api/webhooks/{endpointId}", new { enabled }, cancellationToken);

    public Task<WebhookDeliveryPage> DeliveriesAsync(long endpointId, int limit, int offset, CancellationToken cancellationToken) =>
        http.GetAsync<WebhookDeliveryPage>(WithQuery($"/api/webhooks/{endpointId}/deliveries", ("limit", limit), ("offset", offset)), cancellationToken);

    public Task<object> RedeliverAsync(long endpointId, long fromEventId, long toEventId, CancellationToken cancellationToken) =>
        http.PostAsync<object>($"/api/webhooks/{endpointId}/redeliver", new { from_event_id = fromEventId, to_event_id = toEventId }, cancellationToken);
}
