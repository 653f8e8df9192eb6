using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Agents;

public sealed class AgentListRequest : IApiRequest
{
    [OneOf(AgentStatus.Available, AgentStatus.Busy, AgentStatus.OnBreak, AgentStatus.Offline)]
    public string? Status { get; init; }

    [StringLength(64)]
    public string? Department { get; init; }

    [Range(1, Data.Paging.MaxLimit)]
    public int? Limit { get; init; }

    [Range(0, int.MaxValue)]
    public int? Offset { get; init; }

    public static ValueTask<AgentListRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<AgentListRequest>(context);
}

public sealed class AgentStatusRequest : IApiRequest
{
    [Required]
    [OneOf(AgentStatus.Available, AgentStatus.Busy, AgentStatus.OnBreak, AgentStatus.Offline)]
    public string? Status { get; init; }

    public static ValueTask<AgentStatusRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<AgentStatusRequest>(context);
}
