namespace CallCenter.Web.Pages.Wallboard;

/// <summary>
/// One KPI tile: its figure for today, how it read over the last 15 and 60 minutes where that helps, and the API's
/// definition behind a disclosure. <see cref="Standing"/> colours service level against its target.
/// </summary>
public sealed record KpiTile(string Id, string Name, string Value, string Definition)
{
    public string? Note { get; init; }

    public IReadOnlyList<(string Label, string Value)> Recent { get; init; } = [];

    public string? Standing { get; init; }

    public string? StandingText { get; init; }

    /// <summary>Set on a wait that keeps ticking between updates, from this instant (UTC).</summary>
    public DateTime? TicksSince { get; init; }
}
