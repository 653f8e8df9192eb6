using CallCenter.ApiService.Agents;
using CallCenter.ApiService.Distribution;
using CallCenter.ApiService.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CallCenter.ApiService.Apis;

public static class AgentsApi
{
    public static RouteGroupBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/agents").WithTags("Agents").WithApiProblems();

        agents.MapGet("/", ListAgents).WithName(nameof(ListAgents))
            .WithSummary("Agents, optionally only those in one status or department.");
        agents.MapGet("/{agentId}", GetAgent).WithName(nameof(GetAgent))
            .WithSummary("One agent.");
        agents.MapPatch("/{agentId}/status", ChangeAgentStatus).WithName(nameof(ChangeAgentStatus))
            .WithSummary("Set an agent's status: available, busy, on_break or offline.");
        agents.MapPatch("/{agentId}/activity", ChangeAgentActivity).WithName(nameof(ChangeAgentActivity))
            .WithSummary("An agent makes themselves available (also ending wrap-up early), takes a break with a reason, or signs out.");
        agents.MapPut("/{agentId}/skills", SetAgentSkills).WithName(nameof(SetAgentSkills)).RequireAuthorization(FloorPolicies.Supervision)
            .WithSummary("Set the skills an agent holds, each with a level 1-5; a call routed with that skill may go to them.");

        return agents;
    }

    // Every caller sees the whole roster, so the request's own fields are the whole key. Not cancelled with the
    // request: other requests may be waiting on the same read.
    public static Task<SharedJson<AgentList>> ListAgents(AgentListRequest request, AgentRoster roster, CollapsedPages pages) =>
        pages.ReadAsync(new AgentListPage(request.Status, request.Department, request.Limit, request.Offset), async () =>
        {
            var page = await roster.ListAsync(request, CancellationToken.None);
            return new AgentList(page.Items, page.Total, page.Paging.Limit, page.Paging.Offset, page.TotalIsExact);
        });

    private sealed record AgentListPage(string? Status, string? Department, int? Limit, int? Offset);

    public static async Task<Ok<Agent>> GetAgent(string agentId, AgentRoster roster, CancellationToken cancellationToken) =>
        TypedResults.Ok(await roster.GetAsync(agentId, cancellationToken));

    public static async Task<Ok<AgentChanged>> ChangeAgentStatus(
        string agentId, AgentStatusRequest request, AgentRoster roster, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AgentChanged(true, await roster.ChangeStatusAsync(agentId, request, cancellationToken)));

    public static async Task<Ok<AgentChanged>> ChangeAgentActivity(
        string agentId, AgentActivityRequest request, AgentRoster roster, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AgentChanged(true, await roster.ChangeActivityAsync(agentId, request, cancellationToken)));

    public static async Task<Ok<AgentChanged>> SetAgentSkills(
        string agentId, AgentSkillsRequest request, AgentRoster roster, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AgentChanged(true, await roster.SetSkillsAsync(agentId, request, cancellationToken)));
}
