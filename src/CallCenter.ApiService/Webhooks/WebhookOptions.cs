using System.ComponentModel.DataAnnotations;

namespace CallCenter.ApiService.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// Waits after each failed attempt (the first attempt is immediate), per Standard Webhooks; the last one repeats
    /// until the endpoint has failed for <see cref="DisableAfterDays"/>.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> StandardDelays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>Other waits (tests shorten them); empty means <see cref="StandardDelays"/>. Not defaulted here, since binding appends to an array.</summary>
    public TimeSpan[] RetryDelays { get; set; } = [];

    public IReadOnlyList<TimeSpan> Delays => RetryDelays.Length > 0 ? RetryDelays : StandardDelays;

    /// <summary>How long an endpoint may keep failing before it is disabled (and an audited event says so).</summary>
    public TimeSpan DisableAfter => TimeSpan.FromDays(DisableAfterDays);

    [Range(0.0001, 365)]
    public double DisableAfterDays { get; set; } = 5;

    /// <summary>How long the secret replaced by a rotation still signs deliveries beside the new one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan SecretGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Hosts delivered to although they resolve to loopback, private, link-local or metadata addresses.</summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>How often a replica looks for endpoints with events to deliver; quiet unless it finds some.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a replica keeps an endpoint that is caught up, sending each new event from its live feed the moment it
    /// arrives (one pooled connection per endpoint held meanwhile); then it lets go until the next look finds events.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan IdleHold { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long 2xx deliveries may wait before their cursor and delivery-log lines are written, all in one round trip
    /// (at most 100 wait). A replica that dies sends those again (same <c>webhook-id</c>), in order.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan RecordEvery { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How old an endpoint's settings (URL, secrets, types, enabled) may be while a replica keeps sending to it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan EndpointRefresh { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsAllowedHost(string host) => AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);
}
