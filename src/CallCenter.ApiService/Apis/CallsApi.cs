using CallCenter.ApiService.Idempotency;
using CallCenter.ApiService.Calls;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CallCenter.ApiService.Apis;

public static class CallsApi
{
    public static RouteGroupBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/calls").WithTags("Calls").WithApiProblems().WritesThroughUnitsOfWork();

        calls.MapPost("/", StartCall).WithName(nameof(StartCall))
            .WithSummary("Start a call from a phone number; a new number becomes a customer.");
        calls.MapGet("/", ListCalls).WithName(nameof(ListCalls))
            .WithSummary("Active calls (not ended), or the calls in one status.");
        calls.MapGet("/queue", GetQueue).WithName(nameof(GetQueue))
            .WithSummary("Waiting calls in the order they will be served: priority first, then longest wait.");
        calls.MapGet("/{callId}", GetCall).WithName(nameof(GetCall))
            .WithSummary("One call, with its transfers.");
        calls.MapPost("/{callId}/status", ChangeCallStatus).WithName(nameof(ChangeCallStatus))
            .WithSummary("Move a call through its states (initiated → queued → ringing → in_progress ⇄ on_hold → ended; abandoned).");
        calls.MapPost("/{callId}/route", RouteCall).WithName(nameof(RouteCall))
            .WithSummary("Send a call to a department's queue.");
        calls.MapPost("/{callId}/transfer", TransferCall).WithName(nameof(TransferCall))
            .WithSummary("Transfer a call to a department's queue or straight to an agent.");
        calls.MapPost("/{callId}/end", EndCall).WithName(nameof(EndCall))
            .WithSummary("End a call; sets ended_at and duration (seconds).");

        return calls;
    }

    public static async Task<Ok<CallStarted>> StartCall(StartCallRequest request, Switchboard switchboard, CancellationToken cancellationToken)
    {
        var call = await switchboard.StartAsync(request, cancellationToken);
        return TypedResults.Ok(new CallStarted(true, call.CallId, call));
    }

    public static async Task<Ok<CallList>> ListCalls(CallListRequest request, Switchboard switchboard, CancellationToken cancellationToken)
    {
        var page = await switchboard.ListAsync(request, cancellationToken);
        return TypedResults.Ok(new CallList(page.Items, page.Total, page.Paging.Limit, page.Paging.Offset, page.TotalIsExact));
    }

    // Wallboards and every agent's screen poll it; identical requests share a read (not cancelled with any one of them).
    public static Task<SharedJson<CallQueue>> GetQueue(QueueRequest request, Switchboard switchboard, CollapsedPages pages)
    {
        var department = switchboard.QueueScope(request);
        return pages.ReadAsync(new QueuePage(department), async () =>
        {
            var queue = await switchboard.QueueAsync(department, CancellationToken.None);
            return new CallQueue(queue, queue.Count, queue.Count == 0 ? null : queue.Max(call => call.WaitSeconds));
        });
    }

    private sealed record QueuePage(string? Department);

    public static async Task<Ok<CallDetail>> GetCall(string callId, Switchboard switchboard, CancellationToken cancellationToken) =>
        TypedResults.Ok(await switchboard.GetAsync(callId, cancellationToken));

    public static async Task<Ok<CallChanged>> ChangeCallStatus(
        string callId, CallStatusRequest request, Switchboard switchboard, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CallChanged(true, await switchboard.ChangeStatusAsync(callId, request, cancellationToken)));

    public static async Task<Ok<CallChanged>> RouteCall(
        string callId, RouteCallRequest request, Switchboard switchboard, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CallChanged(true, await switchboard.RouteAsync(callId, request, cancellationToken)));

    public static async Task<Ok<CallTransferred>> TransferCall(
        string callId, TransferCallRequest request, Switchboard switchboard, CancellationToken cancellationToken)
    {
        var (call, transfer) = await switchboard.TransferAsync(callId, request, cancellationToken);
        return TypedResults.Ok(new CallTransferred(true, call, transfer));
    }

    public static async Task<Ok<CallChanged>> EndCall(string callId, Switchboard switchboard, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CallChanged(true, await switchboard.EndAsync(callId, cancellationToken)));
}
