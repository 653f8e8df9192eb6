using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Distribution;
using CallCenter.ApiService.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Apis;

/// <summary>How the floor distributes calls, as clients need it: ring time, wrap-up, reasons and codes, each department's mode.</summary>
public sealed record AcdSettings(
    int RingTimeoutSeconds,
    int WrapUpSeconds,
    int? AgeingSeconds,
    IReadOnlyList<string> BreakReasons,
    IReadOnlyList<string> DispositionCodes,
    int CallbackMaxAttempts,
    int CallbackRetrySeconds,
    IReadOnlyList<DepartmentAcdSettings> Departments);

public sealed record DepartmentAcdSettings(
    string Department, string Mode, int WrapUpSeconds, IReadOnlyList<string> OverflowTo, int OverflowAfterSeconds, bool ProficiencyFirst);

/// <summary>Automatic call distribution: answering offers, a supervisor's assignment, wrap-up codes and callbacks.</summary>
public static class DistributionApi
{
    public static IEndpointRouteBuilder MapDistributionApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/acd").WithTags("Distribution").WithApiProblems()
            .MapGet("/", GetAcdSettings).WithName(nameof(GetAcdSettings))
            .WithSummary("How calls are distributed: ring timeout, wrap-up, break reasons, disposition codes, each department's mode and overflow.");

        var calls = app.MapGroup("/api/calls/{callId}").WithTags("Distribution").WithApiProblems();
        calls.MapPost("/accept", AcceptCall).WithName(nameof(AcceptCall))
            .WithSummary("The offered agent answers a ringing call: it is in progress, the agent on it.");
        calls.MapPost("/decline", DeclineCall).WithName(nameof(DeclineCall))
            .WithSummary("The offered agent declines: the call goes back to its own place in the queue, the agent is missed.");
        calls.MapPost("/assign", AssignCall).WithName(nameof(AssignCall)).RequireAuthorization(FloorPolicies.Supervision)
            .WithSummary("A supervisor offers a queued call to a named available agent.");
        calls.MapPost("/disposition", RecordDisposition).WithName(nameof(RecordDisposition))
            .WithSummary("Record the wrap-up code of an answered call.");
        calls.MapPost("/callback", RequestCallback).WithName(nameof(RequestCallback))
            .WithSummary("A waiting caller leaves the line and is called back when their place in the queue comes up.");
        calls.MapPost("/callback/not-reached", CallbackNotReached).WithName(nameof(CallbackNotReached))
            .WithSummary("The callback's caller did not answer: it waits in its place and is tried again, up to the attempts allowed.");
        return app;
    }

    public static Ok<AcdSettings> GetAcdSettings(IOptions<AcdOptions> acd, IOptions<CallCenterOptions> floor)
    {
        var options = acd.Value;
        return TypedResults.Ok(new AcdSettings(
            options.RingTimeoutSeconds,
            options.WrapUpSeconds,
            options.Ageing is { } ageing ? (int)ageing.TotalSeconds : null,
            options.AllowedBreakReasons,
            options.AllowedDispositionCodes,
            options.CallbackMaxAttempts,
            options.CallbackRetrySeconds,
            [.. floor.Value.Departments.Select(department =>
            {
                var rules = options.For(department);
                return new DepartmentAcdSettings(
                    department, rules.Mode, (int)options.WrapUpFor(department).TotalSeconds, rules.OverflowTo, rules.OverflowAfterSeconds, rules.ProficiencyFirst);
            })]));
    }

    public static async Task<Ok<CallChanged>> AcceptCall(
        string callId, OfferAnswerRequest request, FloorDistribution distribution, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CallChanged(true, await distribution.AcceptAsync(callId, request, cancellationToken)));

    public static async Task<Ok<CallChanged>> DeclineCall(
        string callId, OfferAnswerRequest request, FloorDistribution distribution, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CallChanged(true, await distribution.DeclineAsync(callId, request, cancellationToken)));

    public static async Task<Ok<CallChanged>> AssignCall(
        string callId, AssignCallRequest request, FloorDistribution distribution, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CallChanged(true, await distribution.AssignAsync(callId, request, cancellationToken)));

    public static async Task<Ok<CallChanged>> RecordDisposition(
        string callId, DispositionRequest request, FloorDistribution distribution, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CallChanged(true, await distribution.RecordDispositionAsync(callId, request, cancellationToken)));

    public static async Task<Ok<CallChanged>> RequestCallback(
        string callId, CallbackRequestBody request, FloorDistribution distribution, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CallChanged(true, await distribution.RequestCallbackAsync(callId, request, cancellationToken)));

    public static async Task<Ok<CallChanged>> CallbackNotReached(
        string callId, FloorDistribution distribution, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CallChanged(true, await distribution.CallbackNotReachedAsync(callId, cancellationToken)));
}
