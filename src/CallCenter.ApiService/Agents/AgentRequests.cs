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

public sealed class AgentSkillsRequest : IApiRequest
{
    /// <summary>Every skill the agent holds, each with a level from 1 to 5; replaces what they held.</summary>
    [Required]
    public Dictionary<string, int>? Skills { get; init; }

    public static ValueTask<AgentSkillsRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<AgentSkillsRequest>(context);
}
