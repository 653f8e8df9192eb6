namespace CallCenter.ApiService.Stats;

/// <summary>
/// Input the figures refuse (a range that ends before it starts, an interval we do not report, a visit that left
/// before it entered). The arithmetic knows nothing of HTTP; the edge turns this into a 400 ProblemDetails naming
/// <see cref="Field"/>.
/// </summary>
public sealed class StatsRuleException(string field, string message) : ArgumentException($"{field}: {message}")
{
    public string Field { get; } = field;

    /// <summary>What is wrong with the field, without its name.</summary>
    public string Reason { get; } = message;
}
