using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Stats;

public sealed class StatsNowRequest : IApiRequest
{
    /// <summary>One department's figures; the whole center's when left out.</summary>
    [StringLength(64)]
    public string? Department { get; init; }

    public static ValueTask<StatsNowRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<StatsNowRequest>(context);
}

public sealed class StatsIntervalsRequest : IApiRequest
{
    /// <summary>Start of the range, ISO 8601; without an offset it is the center's wall clock.</summary>
    [StringLength(64)]
    public string? From { get; init; }

    /// <summary>End of the range (exclusive), like <see cref="From"/>.</summary>
    [StringLength(64)]
    public string? To { get; init; }

    /// <summary>15m, 1h or 1d (a day of the center's time zone).</summary>
    [StringLength(8)]
    public string? Interval { get; init; }

    /// <summary>One department's figures; the whole center's when left out.</summary>
    [StringLength(64)]
    public string? Department { get; init; }

    /// <summary>An agent, or several separated by commas, whose own figures are added per interval.</summary>
    [StringLength(2048)]
    public string? AgentId { get; init; }

    /// <summary>json (the default) or csv; <c>Accept: text/csv</c> also asks for CSV.</summary>
    [StringLength(8)]
    public string? Format { get; init; }

    public static ValueTask<StatsIntervalsRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<StatsIntervalsRequest>(context);
}

public sealed class StatsRebuildRequest : IApiRequest
{
    /// <summary>Start of the range to recount, ISO 8601; without an offset it is the center's wall clock.</summary>
    [StringLength(64)]
    public string? From { get; init; }

    /// <summary>End of the range (exclusive), like <see cref="From"/>.</summary>
    [StringLength(64)]
    public string? To { get; init; }

    public static ValueTask<StatsRebuildRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<StatsRebuildRequest>(context);
}
