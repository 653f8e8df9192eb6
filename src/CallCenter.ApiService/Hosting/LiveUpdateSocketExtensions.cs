using CallCenter.ApiService.Realtime;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Hosting;

internal static class LiveUpdateSocketExtensions
{
    /// <summary>WebSockets with ping/pong keep-alives, so a peer that vanished is found and its socket freed.</summary>
    public static IApplicationBuilder UseLiveUpdateSockets(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<RealtimeOptions>>().Value;
        // Before the WebSocket middleware, which takes the upgrade feature as it finds it.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Apis.LiveUpdatesApi.SocketPath)
                && context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
            {
                var batching = new FrameBatchUpgrade(upgrade);
                context.Features.Set<IHttpUpgradeFeature>(batching);
                context.Features.Set(batching);
            }

            return next(context);
        });
        return app.UseWebSockets(new WebSocketOptions
        {
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveInterval * 2,
        });
    }
}
