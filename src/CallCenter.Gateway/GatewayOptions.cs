using System.ComponentModel.DataAnnotations;

namespace CallCenter.Gateway;

/// <summary>The <c>Gateway</c> section: where the AppHost lists the API's live replicas, and how failures are answered.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// A JSON object of replica name → address, rewritten by the AppHost whenever a replica starts answering or ends.
    /// </summary>
    [Required]
    public string ReplicaFile { get; set; } = "";

    /// <summary>How often each replica's <c>/alive</c> is asked, so one that stops answering is taken out of the rotation.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a replica that refused or dropped a request is left out before it is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ReactivationPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The <c>Retry-After</c> of a 503 the gateway answers itself.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;
}
