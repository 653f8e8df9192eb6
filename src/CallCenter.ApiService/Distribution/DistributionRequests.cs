using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Distribution;

/// <summary>Accepting or declining an offer; a signed-in agent means themselves, a key may name the offered agent or omit it.</summary>
public sealed class OfferAnswerRequest : IApiRequest
{
    [StringLength(32)]
    public string? AgentId { get; init; }

    public static ValueTask<OfferAnswerRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<OfferAnswerRequest>(context);
}

public sealed class AssignCallRequest : IApiRequest
{
    [Required, StringLength(32)]
    public string? AgentId { get; init; }

    public static ValueTask<AssignCallRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<AssignCallRequest>(context);
}

public sealed class DispositionRequest : IApiRequest
{
    [Required, StringLength(64)]
    public string? Code { get; init; }

    public static ValueTask<DispositionRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<DispositionRequest>(context);
}

public sealed class CallbackRequestBody : IApiRequest
{
    /// <summary>The number to call back; the caller's own number when omitted.</summary>
    [StringLength(32)]
    public string? PhoneNumber { get; init; }

    /// <summary>The earliest time to call back; the call keeps its place but is not offered before it.</summary>
    public DateTime? NotBefore { get; init; }

    public static ValueTask<CallbackRequestBody> BindAsync(HttpContext context) => RequestBinder.BindAsync<CallbackRequestBody>(context);
}

public sealed class AgentActivityRequest : IApiRequest
{
    [Required]
    [OneOf(AgentActivity.Available, AgentActivity.Ringing, AgentActivity.OnCall, AgentActivity.WrapUp, AgentActivity.Missed, AgentActivity.OnBreak, AgentActivity.Offline)]
    public string? Activity { get; init; }

    /// <summary>Why the agent takes a break: one of the configured reason codes (<c>GET /api/acd</c>).</summary>
    [StringLength(64)]
    public string? Reason { get; init; }

    public static ValueTask<AgentActivityRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<AgentActivityRequest>(context);
}
