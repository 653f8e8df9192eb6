namespace CallCenter.Web.LiveUpdates;

public static class LiveUpdatesEndpoints
{
    public static IEndpointRouteBuilder MapLiveUpdates(this IEndpointRouteBuilder app)
    {
        app.Map(LiveUpdatesRelay.Path, (HttpContext context, LiveUpdatesRelay relay) => relay.RelayAsync(context))
            .RequireAuthorization()
            .WithName("LiveUpdates")
            .WithSummary("The API's live updates, relayed over this app's origin for signed-in people.");
        return app;
    }
}
