using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Webhooks;

public sealed class CreateWebhookRequest : IApiRequest
{
    /// <summary>Where deliveries are POSTed: http(s), resolving to internet addresses unless the host is allow-listed.</summary>
    [Required, StringLength(2000, MinimumLength = 1)]
    public string? Url { get; init; }

    /// <summary>Live event types wanted (<c>call:new</c>…), or <c>*</c> for every type, those added later included.</summary>
    [Required, MinLength(1), MaxLength(64)]
    public string[]? EventTypes { get; init; }

    public bool? Enabled { get; init; }

    public static ValueTask<CreateWebhookRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<CreateWebhookRequest>(context);
}

public sealed class UpdateWebhookRequest : IApiRequest
{
    [StringLength(2000, MinimumLength = 1)]
    public string? Url { get; init; }

    [MinLength(1), MaxLength(64)]
    public string[]? EventTypes { get; init; }

    /// <summary>Enabling an endpoint clears its failures; it resumes at the event it stopped on.</summary>
    public bool? Enabled { get; init; }

    public static ValueTask<UpdateWebhookRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<UpdateWebhookRequest>(context);
}

/// <summary>Send one event again (<c>event_id</c>) or a range (<c>from_event_id</c> to <c>to_event_id</c>, inclusive).</summary>
public sealed class RedeliverWebhookRequest : IApiRequest
{
    [Range(1, long.MaxValue)]
    public long? EventId { get; init; }

    [Range(1, long.MaxValue)]
    public long? FromEventId { get; init; }

    [Range(1, long.MaxValue)]
    public long? ToEventId { get; init; }

    public static ValueTask<RedeliverWebhookRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<RedeliverWebhookRequest>(context);
}

public sealed class WebhookDeliveryListRequest : IApiRequest
{
    [Range(1, Data.Paging.MaxLimit)]
    public int? Limit { get; init; }

    [Range(0, int.MaxValue)]
    public int? Offset { get; init; }

    public static ValueTask<WebhookDeliveryListRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<WebhookDeliveryListRequest>(context);
}
