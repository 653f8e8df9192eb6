using System.Text.Json;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Idempotency;
using CallCenter.ApiService.Realtime;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CallCenter.ApiService.Apis;

public static class LiveUpdatesApi
{
    public const string SocketPath = "/ws/updates";

    public static IEndpointRouteBuilder MapLiveUpdatesApi(this IEndpointRouteBuilder app)
    {
        // The upgrade is authenticated like any request (an API key, or ?ticket= for browsers); admission then
        // checks the page's Origin and the caller's share of sockets.
        app.MapGet(SocketPath, ConnectLiveUpdates).WithName(nameof(ConnectLiveUpdates)).WithTags("Live updates")
            .WithSummary("WebSocket of live events {id, type, data, ts}; resume with last_event_id, filter with topics or call_id.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        app.MapPost("/api/socket-tickets", IssueSocketTicket).WithName(nameof(IssueSocketTicket)).WithSecretInAnswer().WithTags("Live updates")
            .WithSummary("A one-time ticket for a browser's socket: connect within a minute to /ws/updates?ticket=…")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var events = app.MapGroup("/api/events").WithTags("Live updates").WithApiProblems();
        events.MapGet("/", ListEvents).WithName(nameof(ListEvents))
            .WithSummary("The event stream over HTTP: events after an id, oldest first (catch-up for clients without a socket).");
        return app;
    }

    /// <summary>
    /// Not async, and so no frame of its own held for the socket's hours: the checks throw before the upgrade, then the
    /// session runs the socket and gives the caller's place back when it ends.
    /// </summary>
    public static Task ConnectLiveUpdates(
        HttpContext context, LiveUpdateRequest request, LiveUpdateSession session, SocketAdmission admission, FloorCallers callers,
        EventFeed feed, IHostApplicationLifetime lifetime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw ApiProblemException.Invalid("upgrade", $"{SocketPath} speaks WebSocket; connect with ws:// (or use GET /api/events).");
        }

        if (!admission.IsAllowedOrigin(context.Request))
        {
            throw ApiProblemException.Forbidden("origin", $"pages from {context.Request.Headers.Origin} may not open this socket (Security:AllowedOrigins).");
        }

        var caller = callers.Current;
        var filter = request.ToFilter().For(caller);
        var place = admission.TryAdmit(caller)
            ?? throw new ApiProblemException(StatusCodes.Status429TooManyRequests, "Too many sockets",
                "socket: this caller already holds its share of sockets on this replica (RateLimiting:SocketsPerCaller).");
        Task Run() => session.RunAsync(context.WebSockets, context.Features.Get<FrameBatchUpgrade>(), filter, request.LastEventId, place);
        return feed.Ready.IsCompletedSuccessfully ? Run() : RunOnceFeedReadyAsync(context, feed, lifetime, place, Run);
    }

    /// <summary>
    /// A replica just starting (or unable to reach PostgreSQL yet) holds the upgrade until its feed knows where the stream
    /// stands; a client that leaves meanwhile gives its place back, and a stop answers 503 rather than fail the request.
    /// </summary>
    private static async Task RunOnceFeedReadyAsync(HttpContext context, EventFeed feed, IHostApplicationLifetime lifetime, IDisposable place, Func<Task> run)
    {
        try
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            await feed.Ready.WaitAsync(either.Token);
        }
        catch (OperationCanceledException)
        {
            place.Dispose();
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Stopping",
                "socket: this replica is stopping; connect again (with last_event_id) to reach another.");
        }

        await run();
    }

    public static async Task<Ok<SocketTicket>> IssueSocketTicket(FloorCallers callers, SocketTicketBook tickets, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tickets.IssueAsync(callers.Current, cancellationToken));

    public static async Task<Ok<EventPage>> ListEvents(EventPageRequest request, EventStore store, FloorCallers callers, CancellationToken cancellationToken)
    {
        // An agent's page leaves out other departments' events; last_id still moves past them.
        var visible = new EventFilter(null, null).For(callers.Current);
        var after = request.After ?? 0;
        var (last, oldest) = await store.BoundsAsync(cancellationToken);
        var reset = after < oldest - 1;
        var events = await store.ReadAfterAsync(reset ? oldest - 1 : after, request.Limit ?? 100, cancellationToken);
        var page = events.Where(visible.Matches).Select(liveEvent => JsonDocument.Parse(liveEvent.Frame).RootElement.Clone()).ToList();
        return TypedResults.Ok(new EventPage(page, events.Count > 0 ? events[^1].Id : Math.Min(after, last), oldest, reset));
    }
}
