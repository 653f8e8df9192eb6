namespace CallCenter.ApiService.Stats;

/// <summary>The bucket sizes reports come in, by the names the API takes.</summary>
public sealed record StatsInterval(string Name, TimeSpan Step)
{
    public static readonly StatsInterval QuarterHour = new("15m", TimeSpan.FromMinutes(15));

    public static readonly StatsInterval Hour = new("1h", TimeSpan.FromHours(1));

    /// <summary>A calendar day of the center's time zone, so 23 or 25 hours when the clocks change.</summary>
    public static readonly StatsInterval Day = new("1d", TimeSpan.FromDays(1));

    public static readonly IReadOnlyList<StatsInterval> All = [QuarterHour, Hour, Day];

    public static StatsInterval Parse(string? name, string field = "interval") =>
        All.FirstOrDefault(interval => interval.Name == name)
        ?? throw new StatsRuleException(field, $"must be one of: {string.Join(", ", All.Select(interval => interval.Name))}.");
}
