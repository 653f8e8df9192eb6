using CallCenter.ApiService.Realtime;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Hosting;

internal static class LiveUpdateSocketExtensions
{
    /// <summary>WebSockets with ping/pong keep-alives, so a peer that vanished is found and its socket freed.</summary>
    public static IApplicationBuilder UseLiveUpdateSockets(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<RealtimeOptions>>().Value;
        return app.UseWebSockets(new WebSocketOptions
        {
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveInterval * 2,
        });
    }
}
