using CallCenter.ApiService.Agents;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Distribution;

/// <summary>
/// Saves an agent's activity moves: the agent's row (with the seed's status derived from the activity), the
/// activity history (each activity with its start and end), and the events, all in the caller's unit of work.
/// </summary>
public sealed class AgentDesk(EventOutbox outbox)
{
    public static async Task<Agent> LockAsync(UnitOfWork work, string agentId, string field = "agent_id") =>
        await work.QuerySingleOrDefaultAsync<Agent>("SELECT * FROM agents WHERE agent_id = @agentId FOR UPDATE", new { agentId })
        ?? throw ApiProblemException.Invalid(field, $"there is no agent '{agentId}'.");

    public static AgentActivityState StateOf(Agent agent) =>
        new(agent.Activity, agent.ActivitySince) { BreakReason = agent.BreakReason, WrapUpEndsAt = agent.WrapUpEndsAt };

    /// <summary>
    /// Saves <paramref name="next"/> as the agent's activity; <paramref name="callId"/> is the call it is about, if any.
    /// The seed's <c>agent:status_changed</c> follows when the status changes, or always when <paramref name="statusSet"/>
    /// (a client set the status, and the seed announces every such change).
    /// </summary>
    public async Task<Agent> MoveAsync(UnitOfWork work, Agent agent, AgentActivityState next, string? callId, bool statusSet = false)
    {
        var status = AgentActivity.SeedStatus(next.Activity);
        var moved = agent with
        {
            Activity = next.Activity,
            ActivitySince = next.Since,
            BreakReason = next.BreakReason,
            WrapUpEndsAt = next.WrapUpEndsAt,
            CallId = next.Activity is AgentActivity.Available or AgentActivity.OnBreak or AgentActivity.Offline or AgentActivity.Missed ? null : callId,
            Status = status,
            StatusChangedAt = status == agent.Status && !statusSet ? agent.StatusChangedAt : next.Since,
        };
        await work.ExecuteAsync(
            """
            UPDATE agents SET activity = @Activity, activity_since = @ActivitySince, break_reason = @BreakReason,
                              wrap_up_ends_at = @WrapUpEndsAt, call_id = @CallId, status = @Status, status_changed_at = @StatusChangedAt
            WHERE agent_id = @AgentId;
            UPDATE agent_activities SET ended_at = @ActivitySince WHERE agent_id = @AgentId AND ended_at IS NULL;
            INSERT INTO agent_activities (agent_id, activity, break_reason, call_id, started_at)
            VALUES (@AgentId, @Activity, @BreakReason, @CallId, @ActivitySince);
            """,
            moved);
        outbox.Append(work, EventTypes.AgentActivityChanged, moved, new { previous_activity = agent.Activity });
        if (moved.Status != agent.Status || statusSet)
        {
            outbox.Append(work, EventTypes.AgentStatusChanged, new
            {
                agent_id = moved.AgentId,
                status = moved.Status,
                previous_status = agent.Status,
                name = moved.Name,
                department = moved.Department,
                status_changed_at = moved.StatusChangedAt,
            });
        }

        return moved;
    }
}
