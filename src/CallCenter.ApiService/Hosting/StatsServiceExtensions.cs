using CallCenter.ApiService.Stats;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Hosting;

internal static class StatsServiceExtensions
{
    /// <summary>
    /// The floor's figures: thresholds validated at start, the center's calendar, the reader and the calculator, and
    /// their live push with the gauges it feeds.
    /// </summary>
    public static IHostApplicationBuilder AddFloorStats(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StatsOptions>().BindConfiguration(StatsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // CallCenter:TimeZone is checked at start with the rest of CallCenterOptions, so this cannot fail later.
        builder.Services.AddSingleton(services => CenterCalendar.For(services.GetRequiredService<IOptions<CallCenterOptions>>().Value.TimeZone));
        builder.Services.AddSingleton<IntervalGrid>();
        builder.Services.AddSingleton(services => new KpiCalculator(services.GetRequiredService<IOptions<StatsOptions>>().Value));
        builder.Services.AddSingleton<FloorHistoryReader>();
        builder.Services.AddSingleton<FloorStats>();
        builder.Services.AddSingleton<FloorMetrics>();
        builder.Services.AddHostedService<LiveStats>();
        return builder;
    }
}
