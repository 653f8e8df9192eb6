using CallCenter.ApiService.Security;
using CallCenter.ApiService.Stats;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Apis;

/// <summary>Service level and the standard KPIs, live and by interval (issue 13); supervisors' and admins' alone.</summary>
public static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        var stats = app.MapGroup("/api/stats").WithTags("Stats").WithApiProblems().RequireAuthorization(FloorPolicies.Supervision);
        stats.MapGet("/now", GetStatsNow).WithName(nameof(GetStatsNow))
            .WithSummary("The center's day so far, the last 15 and the last 60 minutes: service level, ASA, abandonment, AHT, occupancy, calls waiting.");
        stats.MapGet("/intervals", GetStatsIntervals).WithName(nameof(GetStatsIntervals))
            .WithSummary("The same measures per 15m, 1h or 1d interval of a range, and per agent when agent_id names some; CSV with format=csv.");
        stats.MapGet("/definitions", GetStatsDefinitions).WithName(nameof(GetStatsDefinitions))
            .WithSummary("What each measure means, which interval an event counts in, and the thresholds in force.");
        var repair = app.MapGroup("/api/stats").WithTags("Stats").WithApiProblems().RequireAuthorization(FloorPolicies.Administration);
        repair.MapPost("/rebuild", RebuildStats).WithName(nameof(RebuildStats))
            .WithSummary("Recounts the stored quarter-hours of a range from the call and activity history (after loading history by hand, or changing thresholds).");
        return app;
    }

    public static async Task<Ok<StatsRebuild>> RebuildStats(StatsRebuildRequest request, FloorStats stats, CancellationToken cancellationToken) =>
        TypedResults.Ok(await stats.RebuildAsync(request, cancellationToken));

    public static async Task<Ok<StatsNow>> GetStatsNow(StatsNowRequest request, FloorStats stats, CancellationToken cancellationToken) =>
        TypedResults.Ok(await stats.NowAsync(request, cancellationToken));

    public static async Task<Results<Ok<StatsReport>, FileContentHttpResult>> GetStatsIntervals(
        StatsIntervalsRequest request, HttpRequest http, FloorStats stats, CancellationToken cancellationToken)
    {
        var csv = StatsCsv.IsWanted(request.Format, http.Headers.Accept);
        var report = await stats.IntervalsAsync(request, cancellationToken);
        return csv ? TypedResults.File(StatsCsv.Of(report), StatsCsv.ContentType, StatsCsv.FileName(report)) : TypedResults.Ok(report);
    }

    public static Ok<StatsDefinitions> GetStatsDefinitions(IOptions<StatsOptions> options, CenterCalendar calendar)
    {
        var thresholds = options.Value;
        return TypedResults.Ok(new StatsDefinitions(
            calendar.Zone.Id,
            thresholds.ShortAbandonSeconds,
            thresholds.ServiceLevelSeconds,
            thresholds.ServiceLevelTarget,
            MeasureDefinitions.Measures,
            MeasureDefinitions.Rules));
    }
}
