namespace CallCenter.Web.Services;

/// <summary>How the API distributes calls (<c>GET /api/acd</c>): the floor's break reasons and wrap-up codes come from here.</summary>
public sealed record AcdSettings
{
    public int RingTimeoutSeconds { get; init; }

    public int WrapUpSeconds { get; init; }

    public IReadOnlyList<string> BreakReasons { get; init; } = [];

    public IReadOnlyList<string> DispositionCodes { get; init; } = [];
}
