using CallCenter.ApiService.Data;
using CallCenter.ApiService.Distribution;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using Dapper;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Agents;

/// <summary>The floor's agents and their availability.</summary>
public sealed class AgentRoster(
    CallCenterDatabase database, AgentDesk desk, Offers offers, EventOutbox outbox, IOptions<AcdOptions> acd, FloorAccess access, TimeProvider clock)
{
    public Task<Page<Agent>> ListAsync(AgentListRequest request, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QueryPageAsync<Agent>(
            "agents",
            "WHERE (@Status::text IS NULL OR status = @Status) AND (@Department::text IS NULL OR department = @Department)",
            "agent_id",
            new { request.Status, request.Department },
            PagedQuery.ToPaging(request.Limit, request.Offset)), cancellationToken);

    public Task<Agent> GetAsync(string agentId, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
            await connection.QuerySingleOrDefaultAsync<Agent>("SELECT * FROM agents WHERE agent_id = @agentId", new { agentId })
            ?? throw ApiProblemException.NotFound("Agent", agentId), cancellationToken);

    /// <summary>
    /// The seed's status change, a plain set whatever the agent was doing (busy means on a call by hand). An offer
    /// ringing on the agent's desk is withdrawn first: the call goes back to its own place in the queue.
    /// </summary>
    public Task<Agent> ChangeStatusAsync(string agentId, AgentStatusRequest request, CancellationToken cancellationToken)
    {
        access.EnsureIsSelf(agentId, "agent_id");
        return database.InTransactionAsync(async work =>
        {
            var agent = await LockRingingCallThenAgentAsync(work, agentId);
            if (agent.Activity == AgentActivity.Ringing)
            {
                await offers.WithdrawOfferOfAsync(work, agent);
                agent = await AgentDesk.LockAsync(work, agentId);
            }

            var activity = request.Status == AgentStatus.Busy ? AgentActivity.OnCall : request.Status!;
            return await desk.MoveAsync(work, agent, new AgentActivityState(activity, clock.UtcNow()), agent.CallId, statusSet: true);
        }, cancellationToken);
    }

    /// <summary>The agent's own change of activity: ready, a break with its reason, or signing out.</summary>
    public Task<Agent> ChangeActivityAsync(string agentId, AgentActivityRequest request, CancellationToken cancellationToken)
    {
        access.EnsureIsSelf(agentId, "agent_id");
        var reasons = acd.Value.AllowedBreakReasons;
        if (request.Activity == AgentActivity.OnBreak && (request.Reason is null || !reasons.Contains(request.Reason)))
        {
            throw ApiProblemException.Invalid("reason", $"a break needs a reason, one of: {string.Join(", ", reasons)}.");
        }

        return database.InTransactionAsync(async work =>
        {
            var agent = await LockAsync(work, agentId);
            var now = clock.UtcNow();
            var state = AgentDesk.StateOf(agent);
            var next = request.Activity switch
            {
                AgentActivity.Available => state.MadeAvailable(now),
                AgentActivity.OnBreak => state.OnBreak(request.Reason!, now, reasons),
                AgentActivity.Offline => state.SignedOut(now),
                var other => throw new AcdRuleException("activity", $"{other} is set by the floor (offers, calls and wrap-up), not by hand; choose available, on_break or offline."),
            };
            return await desk.MoveAsync(work, agent, next, agent.CallId);
        }, cancellationToken);
    }

    /// <summary>A supervisor sets the skills an agent holds and at what level; calls asking for one may then go to them.</summary>
    public Task<Agent> SetSkillsAsync(string agentId, AgentSkillsRequest request, CancellationToken cancellationToken)
    {
        var skills = request.Skills!;
        if (skills.Count > SkillNames.MaxPerAgent)
        {
            throw ApiProblemException.Invalid("skills", $"an agent holds at most {SkillNames.MaxPerAgent} skills.");
        }

        foreach (var (name, level) in skills)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, SkillNames.Pattern))
            {
                throw ApiProblemException.Invalid("skills", $"'{name}' {SkillNames.Rule}");
            }

            if (level is < SkillNames.LowestLevel or > SkillNames.HighestLevel)
            {
                throw ApiProblemException.Invalid("skills", $"'{name}' has level {level}; a level is {SkillNames.LowestLevel} to {SkillNames.HighestLevel}.");
            }
        }

        return database.InTransactionAsync(async work =>
        {
            var agent = await LockAsync(work, agentId) with { Skills = skills };
            await work.ExecuteAsync("UPDATE agents SET skills = @Skills WHERE agent_id = @AgentId", agent);
            outbox.Append(work, EventTypes.AgentSkillsChanged, agent);
            return agent;
        }, cancellationToken);
    }

    private static async Task<Agent> LockAsync(UnitOfWork work, string agentId) =>
        await work.QuerySingleOrDefaultAsync<Agent>("SELECT * FROM agents WHERE agent_id = @agentId FOR UPDATE", new { agentId })
        ?? throw ApiProblemException.NotFound("Agent", agentId);

    /// <summary>Rows are locked call first, then agent, everywhere: a ringing agent's call is locked before the agent.</summary>
    private static async Task<Agent> LockRingingCallThenAgentAsync(UnitOfWork work, string agentId)
    {
        var seen = await work.QuerySingleOrDefaultAsync<Agent>("SELECT * FROM agents WHERE agent_id = @agentId", new { agentId })
            ?? throw ApiProblemException.NotFound("Agent", agentId);
        if (seen.Activity == AgentActivity.Ringing && seen.CallId is { } callId)
        {
            await work.ExecuteAsync("SELECT 1 FROM calls WHERE call_id = @callId FOR UPDATE", new { callId });
        }

        return await LockAsync(work, agentId);
    }

    /// <summary>
    /// A new agent, offline until they make themselves available: AGT-NNN from a sequence, skipping numbers already
    /// taken (demo data, or agents added by hand), at least three digits and never truncated.
    /// </summary>
    public static async Task<Agent> CreateAsync(
        UnitOfWork work, string name, string department, string[] languages, TimeProvider clock)
    {
        while (true)
        {
            var number = await work.ExecuteScalarAsync<long>($"SELECT nextval('{AgentNumber.Sequence}')");
            var created = await work.QuerySingleOrDefaultAsync<Agent>(
                """
                INSERT INTO agents (agent_id, name, department, languages, status, status_changed_at, activity, activity_since, created_at)
                VALUES (@agentId, @name, @department, @languages, 'offline', @now, 'offline', @now, @now)
                ON CONFLICT (agent_id) DO NOTHING
                RETURNING *
                """,
                new { agentId = AgentNumber.Format(number), name, department, languages, now = clock.UtcNow() });
            if (created is not null)
            {
                return created;
            }
        }
    }

    /// <summary>An agent named in a request must exist; an unknown one is the named field's error.</summary>
    public static async Task<Agent> EnsureExistsAsync(UnitOfWork work, string agentId, string field) =>
        await work.QuerySingleOrDefaultAsync<Agent>("SELECT * FROM agents WHERE agent_id = @agentId", new { agentId })
        ?? throw ApiProblemException.Invalid(field, $"there is no agent '{agentId}'.");
}
