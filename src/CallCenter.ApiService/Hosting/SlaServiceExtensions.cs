using CallCenter.ApiService.Sla;

namespace CallCenter.ApiService.Hosting;

internal static class SlaServiceExtensions
{
    /// <summary>Ticket SLAs: the stored calendars and policies, the per-ticket clocks and the deadline watcher.</summary>
    public static IHostApplicationBuilder AddTicketSla(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.Section)
            .Validate(options => options.WatchInterval > TimeSpan.Zero, "Sla:WatchInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SlaCatalog>();
        builder.Services.AddSingleton<SlaBook>();
        builder.Services.AddSingleton<CalendarBook>();
        builder.Services.AddSingleton<SlaPolicyBook>();
        builder.Services.AddSingleton<SlaCompliance>();
        builder.Services.AddHostedService<SlaWatch>();
        return builder;
    }
}
