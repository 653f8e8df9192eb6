using CallCenter.ApiService.Data;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using Dapper;
using Npgsql;

namespace CallCenter.ApiService.Agents;

/// <summary>The floor's agents and their availability.</summary>
public sealed class AgentRoster(CallCenterDatabase database, EventOutbox outbox, FloorAccess access, TimeProvider clock)
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

    public Task<Agent> ChangeStatusAsync(string agentId, AgentStatusRequest request, CancellationToken cancellationToken)
    {
        access.EnsureIsSelf(agentId, "agent_id");
        return database.InTransactionAsync(async work =>
        {
            var agent = await work.QuerySingleOrDefaultAsync<Agent>(
                "SELECT * FROM agents WHERE agent_id = @agentId FOR UPDATE", new { agentId })
                ?? throw ApiProblemException.NotFound("Agent", agentId);
            var changed = agent with { Status = request.Status!, StatusChangedAt = clock.UtcNow() };
            await work.ExecuteAsync(
                "UPDATE agents SET status = @Status, status_changed_at = @StatusChangedAt WHERE agent_id = @AgentId",
                changed);
            outbox.Append(work, EventTypes.AgentStatusChanged, new
            {
                agent_id = changed.AgentId,
                status = changed.Status,
                previous_status = agent.Status,
                name = changed.Name,
                department = changed.Department,
                status_changed_at = changed.StatusChangedAt,
            });
            return changed;
        }, cancellationToken);
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
                INSERT INTO agents (agent_id, name, department, languages, status, status_changed_at, created_at)
                VALUES (@agentId, @name, @department, @languages, 'offline', @now, @now)
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
