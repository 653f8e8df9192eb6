using System.Text.Json.Serialization;

namespace CallCenter.ApiService.Stats;

/// <summary>The live figures: the center's day so far, the last 15 minutes and the last hour, each ending now.</summary>
public sealed record StatsNow(
    string? Department,
    string TimeZone,
    DateTime Now,
    KpiFigures Today,
    [property: JsonPropertyName("last_15_minutes")] KpiFigures Last15Minutes,
    [property: JsonPropertyName("last_60_minutes")] KpiFigures Last60Minutes);

/// <summary>One department's (or the whole center's) live windows, as <see cref="StatsNow"/> has them.</summary>
public sealed record NowFigures(
    KpiFigures Today,
    [property: JsonPropertyName("last_15_minutes")] KpiFigures Last15Minutes,
    [property: JsonPropertyName("last_60_minutes")] KpiFigures Last60Minutes);

/// <summary>
/// A report: the figures per interval from <see cref="From"/> to <see cref="To"/> (whole intervals, so they may reach
/// outside the range asked for), and per agent asked for, in each interval where the agent did anything.
/// </summary>
public sealed record StatsReport(
    string? Department,
    string TimeZone,
    string Interval,
    DateTime From,
    DateTime To,
    IReadOnlyList<KpiFigures> Intervals,
    IReadOnlyList<AgentFigures> Agents);
