using CallCenter.ApiService.Idempotency;
using CallCenter.ApiService.Security;
using CallCenter.ApiService.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CallCenter.ApiService.Apis;

public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/webhooks").WithTags("Webhooks").WithApiProblems()
            .RequireAuthorization(FloorPolicies.Administration);

        webhooks.MapPost("/", CreateWebhook).WithName(nameof(CreateWebhook)).WithSecretInAnswer()
            .WithSummary("Register an endpoint for live events (Standard Webhooks); its whsec_ secret is shown only in this answer.");
        webhooks.MapGet("/", ListWebhooks).WithName(nameof(ListWebhooks))
            .WithSummary("Registered endpoints with their delivery state, without secrets.");
        webhooks.MapGet("/{endpointId}", GetWebhook).WithName(nameof(GetWebhook))
            .WithSummary("One endpoint and its delivery state.");
        webhooks.MapPatch("/{endpointId}", UpdateWebhook).WithName(nameof(UpdateWebhook))
            .WithSummary("Change the URL or event types, or enable or disable; enabling resumes at the event delivery stopped on.");
        webhooks.MapDelete("/{endpointId}", DeleteWebhook).WithName(nameof(DeleteWebhook))
            .WithSummary("Remove an endpoint and its delivery log.");
        webhooks.MapPost("/{endpointId}/rotate-secret", RotateWebhookSecret).WithName(nameof(RotateWebhookSecret)).WithSecretInAnswer()
            .WithSummary("A new secret, shown only in this answer; the old one keeps signing beside it for the grace period (24 h by default).");
        webhooks.MapGet("/{endpointId}/deliveries", ListWebhookDeliveries).WithName(nameof(ListWebhookDeliveries))
            .WithSummary("The endpoint's delivery log, newest event first: status, attempts, response code, duration, first KiB of the answer.");
        webhooks.MapPost("/{endpointId}/redeliver", RedeliverWebhook).WithName(nameof(RedeliverWebhook))
            .WithSummary("Send one kept event (event_id) or a range (from_event_id to to_event_id) once more, outside the endpoint's order.");

        return webhooks;
    }

    public static async Task<Created<WebhookSecretIssued>> CreateWebhook(CreateWebhookRequest request, WebhookBook book, CancellationToken cancellationToken)
    {
        var created = await book.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/webhooks/{created.Endpoint.EndpointId}", created);
    }

    public static async Task<Ok<WebhookList>> ListWebhooks(WebhookBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(new WebhookList([.. await book.ListAsync(cancellationToken)]));

    public static async Task<Ok<WebhookEndpoint>> GetWebhook(string endpointId, WebhookBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.GetAsync(endpointId, cancellationToken));

    public static async Task<Ok<WebhookEndpoint>> UpdateWebhook(
        string endpointId, UpdateWebhookRequest request, WebhookBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.UpdateAsync(endpointId, request, cancellationToken));

    public static async Task<NoContent> DeleteWebhook(string endpointId, WebhookBook book, CancellationToken cancellationToken)
    {
        await book.DeleteAsync(endpointId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<WebhookSecretIssued>> RotateWebhookSecret(string endpointId, WebhookBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.RotateSecretAsync(endpointId, cancellationToken));

    public static async Task<Ok<WebhookDeliveryPage>> ListWebhookDeliveries(
        string endpointId, WebhookDeliveryListRequest request, WebhookBook book, CancellationToken cancellationToken)
    {
        var page = await book.DeliveriesAsync(endpointId, request, cancellationToken);
        return TypedResults.Ok(new WebhookDeliveryPage(page.Items, page.Total, page.Paging.Limit, page.Paging.Offset, page.TotalIsExact));
    }

    public static async Task<Accepted<WebhookRedeliveries>> RedeliverWebhook(
        string endpointId, RedeliverWebhookRequest request, WebhookBook book, CancellationToken cancellationToken) =>
        TypedResults.Accepted($"/api/webhooks/{endpointId}/deliveries", await book.RedeliverAsync(endpointId, request, cancellationToken));
}
