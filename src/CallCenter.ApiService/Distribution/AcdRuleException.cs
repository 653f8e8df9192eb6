namespace CallCenter.ApiService.Distribution;

/// <summary>
/// A move the distribution rules refuse (an illegal activity change, an offer answered by the wrong agent or too late).
/// The rules know nothing of HTTP; the edge turns this into a 409 ProblemDetails naming <see cref="Field"/>.
/// </summary>
public sealed class AcdRuleException(string field, string message) : InvalidOperationException($"{field}: {message}")
{
    public string Field { get; } = field;
}
