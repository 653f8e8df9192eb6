using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Calls;

public sealed class StartCallRequest : IApiRequest
{
    /// <summary>The caller's number, in any common format; stored as E.164.</summary>
    [Required, StringLength(32)]
    public string? PhoneNumber { get; init; }

    /// <summary>The caller's name; a known number keeps its customer's name when this is omitted.</summary>
    [StringLength(100)]
    public string? CustomerName { get; init; }

    [OneOf(Calls.Priority.Low, Calls.Priority.Medium, Calls.Priority.High, Calls.Priority.Urgent)]
    public string? Priority { get; init; }

    /// <summary>The caller's language (ISO 639, e.g. <c>ar</c>); only agents who speak it are offered the call.</summary>
    [RegularExpression("^[a-z]{2,3}$", ErrorMessage = "must be a language code of 2 or 3 lower-case letters, such as ar or en.")]
    public string? Language { get; init; }

    public static ValueTask<StartCallRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<StartCallRequest>(context);
}

public sealed class CallListRequest : IApiRequest
{
    /// <summary>Only calls in this status; without it, every call that has not ended.</summary>
    [OneOf(CallStatus.Initiated, CallStatus.Queued, CallStatus.Ringing, CallStatus.InProgress, CallStatus.OnHold, CallStatus.Ended, CallStatus.Abandoned)]
    public string? Status { get; init; }

    [StringLength(64)]
    public string? Department { get; init; }

    [StringLength(32)]
    public string? AgentId { get; init; }

    [Range(1, Data.Paging.MaxLimit)]
    public int? Limit { get; init; }

    [Range(0, int.MaxValue)]
    public int? Offset { get; init; }

    public static ValueTask<CallListRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<CallListRequest>(context);
}

public sealed class QueueRequest : IApiRequest
{
    /// <summary>Only the calls waiting for this department.</summary>
    [StringLength(64)]
    public string? Department { get; init; }

    public static ValueTask<QueueRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<QueueRequest>(context);
}

public sealed class CallStatusRequest : IApiRequest
{
    [Required]
    [OneOf(CallStatus.Initiated, CallStatus.Queued, CallStatus.Ringing, CallStatus.InProgress, CallStatus.OnHold, CallStatus.Ended, CallStatus.Abandoned)]
    public string? Status { get; init; }

    /// <summary>The agent taking the call (with ringing or in_progress).</summary>
    [StringLength(32)]
    public string? AgentId { get; init; }

    public static ValueTask<CallStatusRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<CallStatusRequest>(context);
}

public sealed class RouteCallRequest : IApiRequest
{
    [Required, StringLength(64)]
    public string? Department { get; init; }

    [OneOf(Calls.Priority.Low, Calls.Priority.Medium, Calls.Priority.High, Calls.Priority.Urgent)]
    public string? Priority { get; init; }

    /// <summary>A skill the call needs: agents of any department holding it become eligible too.</summary>
    [RegularExpression(Distribution.SkillNames.Pattern, ErrorMessage = Distribution.SkillNames.Rule)]
    public string? Skill { get; init; }

    public static ValueTask<RouteCallRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<RouteCallRequest>(context);
}

public sealed class TransferCallRequest : IApiRequest
{
    /// <summary>The department taking the call; defaults to the target agent's department.</summary>
    [StringLength(64)]
    public string? TargetDepartment { get; init; }

    /// <summary>The agent taking the call; without one the call waits in the target department's queue.</summary>
    [StringLength(32)]
    public string? AgentId { get; init; }

    public static ValueTask<TransferCallRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<TransferCallRequest>(context);
}
