using System.ComponentModel.DataAnnotations;
using CallCenter.Web.Floor;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Pages.Webhooks;

/// <summary>Admins: one endpoint's delivery log, newest event first, and events sent to it once more.</summary>
public sealed class DeliveriesModel(WebhooksClient webhooks, IOptions<FloorOptions> floor) : FloorPageModel
{
    [BindProperty(SupportsGet = true)]
    public long EndpointId { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty, Range(1, long.MaxValue), Display(Name = "From event")]
    public long FromEventId { get; set; }

    [BindProperty, Range(1, long.MaxValue), Display(Name = "To event")]
    public long ToEventId { get; set; }

    public WebhookEndpoint Endpoint { get; private set; } = new();

    public WebhookDeliveryPage Log { get; private set; } = new([], 0, 0, 0);

    public int PageCount => Math.Max(1, (Log.Total + floor.Value.PageSize - 1) / floor.Value.PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var size = floor.Value.PageSize;
        Endpoint = await webhooks.GetAsync(EndpointId, cancellationToken);
        Log = await webhooks.DeliveriesAsync(EndpointId, size, (PageNumber - 1) * size, cancellationToken);
    }

    public Task<IActionResult> OnPostRedeliverAsync(CancellationToken cancellationToken) =>
        ActAsync(() => webhooks.RedeliverAsync(EndpointId, FromEventId, ToEventId == 0 ? FromEventId : ToEventId, cancellationToken), new { EndpointId });
}
