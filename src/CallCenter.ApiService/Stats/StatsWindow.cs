using System.Text.Json.Serialization;

namespace CallCenter.ApiService.Stats;

/// <summary>A stretch of time figures are counted over, UTC: from <see cref="Start"/> up to but not including <see cref="End"/>.</summary>
public sealed record StatsWindow(DateTime Start, DateTime End)
{
    public DateTime End { get; init; } = End > Start ? End : throw new StatsRuleException(nameof(End), "must be after the start.");

    public bool Contains(DateTime instant) => Start <= instant && instant < End;

    [JsonIgnore]
    public TimeSpan Length => End - Start;
}
