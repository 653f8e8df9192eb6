namespace CallCenter.ApiService.Sla;

/// <summary>The <c>Sla</c> section.</summary>
public sealed class SlaOptions
{
    public const string Section = "Sla";

    /// <summary>How often each replica looks for warnings and breaches due: events go out at most this late.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(1);
}
