using CallCenter.ApiService.Webhooks;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Hosting;

internal static class WebhookServiceExtensions
{
    /// <summary>
    /// Webhooks: options validated at start, the secrets' key ring in PostgreSQL, the target checks, the sender and
    /// the dispatcher every replica runs.
    /// </summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSharedKeyRing("CallCenter.ApiService", "webhook_protection_keys");
        builder.Services.AddSingleton(services => new RetrySchedule(
            services.GetRequiredService<IOptions<WebhookOptions>>().Value.Delays, services.GetRequiredService<TimeProvider>(), Random.Shared));
        builder.Services.AddSingleton<WebhookSecrets>();
        builder.Services.AddSingleton<WebhookTarget>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<WebhookBook>();
        builder.Services.AddSingleton<WebhookMetrics>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        return builder;
    }
}
