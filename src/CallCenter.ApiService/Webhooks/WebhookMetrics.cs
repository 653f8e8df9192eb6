using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CallCenter.ApiService.Webhooks;

/// <summary>Deliveries and failed attempts, the latter by outcome (<c>retrying</c>, <c>gone</c>, <c>failing</c>).</summary>
public sealed class WebhookMetrics
{
    public static readonly ActivitySource ActivitySource = new("CallCenter.Webhooks");

    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("CallCenter.Webhooks");
        _delivered = meter.CreateCounter<long>("callcenter.webhooks.delivered", "{delivery}", "Events a receiver accepted (2xx).");
        _failed = meter.CreateCounter<long>("callcenter.webhooks.failed", "{attempt}", "Delivery attempts that did not get a 2xx.");
    }

    public void Delivered() => _delivered.Add(1);

    public void Failed(string outcome) => _failed.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
