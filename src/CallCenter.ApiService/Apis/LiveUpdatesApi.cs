using System.Text.Json;
using CallCenter.ApiService.Realtime;
using CallCenter.ApiService.Requests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CallCenter.ApiService.Apis;

public static class LiveUpdatesApi
{
    public const string SocketPath = "/ws/updates";

    public static IEndpointRouteBuilder MapLiveUpdatesApi(this IEndpointRouteBuilder app)
    {
        // Issue #6 authenticates the upgrade here (API key, or a one-time ticket for browsers), checks Origin
        // and caps sockets per key; everything past admission stays as it is.
        app.MapGet(SocketPath, ConnectLiveUpdates).WithName(nameof(ConnectLiveUpdates)).WithTags("Live updates")
            .WithSummary("WebSocket of live events {id, type, data, ts}; resume with last_event_id, filter with topics or call_id.")
            .ProducesValidationProblem();

        var events = app.MapGroup("/api/events").WithTags("Live updates").WithApiProblems();
        events.MapGet("/", ListEvents).WithName(nameof(ListEvents))
            .WithSummary("The event stream over HTTP: events after an id, oldest first (catch-up for clients without a socket).");
        return app;
    }

    public static async Task<EmptyHttpResult> ConnectLiveUpdates(
        HttpContext context, LiveUpdateRequest request, LiveUpdateSession session)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw ApiProblemException.Invalid("upgrade", $"{SocketPath} speaks WebSocket; connect with ws:// (or use GET /api/events).");
        }

        var filter = request.ToFilter();
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await session.RunAsync(socket, filter, request.LastEventId, context.RequestAborted);
        return TypedResults.Empty;
    }

    public static async Task<Ok<EventPage>> ListEvents(EventPageRequest request, EventStore store, CancellationToken cancellationToken)
    {
        var after = request.After ?? 0;
        var (last, oldest) = await store.BoundsAsync(cancellationToken);
        var reset = after < oldest - 1;
        var events = await store.ReadAfterAsync(reset ? oldest - 1 : after, request.Limit ?? 100, cancellationToken);
        var page = events.Select(liveEvent => JsonDocument.Parse(liveEvent.Frame).RootElement.Clone()).ToList();
        return TypedResults.Ok(new EventPage(page, events.Count > 0 ? events[^1].Id : Math.Min(after, last), oldest, reset));
    }
}
