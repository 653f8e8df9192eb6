using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>Keeps a new trace if its id falls in the sampled share and the service's <see cref="TraceBudget"/> has room.</summary>
public sealed class BudgetedSampler : Sampler
{
    private readonly TraceIdRatioBasedSampler? _ratio;
    private readonly TraceBudget? _budget;

    public BudgetedSampler(TelemetryOptions options, TimeProvider clock)
    {
        _ratio = options.TraceSampleRatio < 1 ? new TraceIdRatioBasedSampler(options.TraceSampleRatio) : null;
        _budget = options.TracesPerSecond > 0 ? new TraceBudget(options.TracesPerSecond, clock) : null;
        Description = $"BudgetedSampler{{ratio={options.TraceSampleRatio}, per_second={options.TracesPerSecond}}}";
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (_ratio is not null && _ratio.ShouldSample(samplingParameters).Decision == SamplingDecision.Drop)
        {
            return new SamplingResult(SamplingDecision.Drop);
        }

        return _budget is null || _budget.TryTake()
            ? new SamplingResult(SamplingDecision.RecordAndSample)
            : new SamplingResult(SamplingDecision.Drop);
    }
}
