namespace CallCenter.Web.Services;

/// <summary>How the API distributes calls (<c>GET /api/acd</c>): the desk reads the floor's break reasons and wrap-up codes from it.</summary>
public sealed record AcdSettings
{
    public IReadOnlyList<string> BreakReasons { get; init; } = [];

    public IReadOnlyList<string> DispositionCodes { get; init; } = [];
}
