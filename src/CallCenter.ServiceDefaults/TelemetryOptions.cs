namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The <c>Telemetry</c> section: which new traces a service keeps. A trace started elsewhere follows its parent's
/// decision, so a request's trace is whole across services or absent from all of them.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Share of new traces kept, above 0 and at most 1 (decided by trace id).</summary>
    public double TraceSampleRatio { get; set; } = 1;

    /// <summary>
    /// At most this many new traces a second per service process (0: no limit). Below it every trace is kept; above
    /// it the exporters and the dashboard do a steady amount of work instead of one that grows with the load.
    /// </summary>
    public double TracesPerSecond { get; set; } = 20;

    public bool AreValid() =>
        TraceSampleRatio is > 0 and <= 1 && TracesPerSecond >= 0 && double.IsFinite(TracesPerSecond);
}
