using Microsoft.AspNetCore.Http.HttpResults;

namespace CallCenter.Web.LiveUpdates;

public static class LiveUpdatesEndpoints
{
    public static IEndpointRouteBuilder MapLiveUpdates(this IEndpointRouteBuilder app)
    {
        // Map, not MapGet: a WebSocket over HTTP/2 arrives as CONNECT.
        app.Map(LiveUpdatesRelay.Path, RelayLiveUpdates)
            .RequireAuthorization()
            .WithName(nameof(RelayLiveUpdates))
            .WithSummary("The API's live updates, relayed over this app's origin for signed-in people.");
        return app;
    }

    public static Task<Results<EmptyHttpResult, BadRequest, StatusCodeHttpResult>> RelayLiveUpdates(HttpContext context, LiveUpdatesRelay relay) =>
        relay.RelayAsync(context);
}
