using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CallCenter.ApiService.Distribution;

/// <summary>What distribution reports: offers made and how they were settled, and how long a decision took.</summary>
public sealed class DistributionMetrics
{
    public const string MeterName = "CallCenter.Distribution";

    public static readonly ActivitySource ActivitySource = new(MeterName);

    public DistributionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        Passes = meter.CreateCounter<long>("callcenter.acd.passes", description: "Distribution passes that changed something.");
        PassDuration = meter.CreateHistogram<double>("callcenter.acd.pass.duration", unit: "ms", description: "How long a distribution pass that acted took, lock wait included.");
    }

    public Counter<long> Passes { get; }

    public Histogram<double> PassDuration { get; }
}
