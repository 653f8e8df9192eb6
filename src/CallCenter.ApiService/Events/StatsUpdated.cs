using CallCenter.ApiService.Stats;

namespace CallCenter.ApiService.Events;

/// <summary>
/// The data of <c>stats:updated</c>: the whole center's live figures and each configured department's, all at
/// <see cref="Now"/>, each as <c>GET /api/stats/now</c> answers them.
/// </summary>
public sealed record StatsUpdated(string TimeZone, DateTime Now, NowFigures Center, IReadOnlyDictionary<string, NowFigures> Departments);
