using CallCenter.ApiService.Agents;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using CallCenter.ApiService.Tickets;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Sla;

/// <summary>
/// SLA policies, managed by admins; every change is audited. A changed policy applies to new tickets, and to open
/// ones when asked (<see cref="RecomputeAsync"/>), keeping the time each target has already used.
/// </summary>
public sealed class SlaPolicyBook(
    CallCenterDatabase database, SlaCatalog catalog, SlaBook slas, AuditTrail audit, IOptions<CallCenterOptions> options, TimeProvider clock)
{
    private const int RecomputeChunk = 200;

    public Task<IReadOnlyList<SlaPolicy>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(connection => catalog.PoliciesAsync(connection), cancellationToken);

    public Task<SlaPolicy> GetAsync(string policyId, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection => (await catalog.PoliciesAsync(connection)).FirstOrDefault(policy => policy.PolicyId == policyId)
            ?? throw ApiProblemException.NotFound("SLA policy", policyId), cancellationToken);

    public async Task<SlaPolicy> CreateAsync(SlaPolicyRequest request, CancellationToken cancellationToken)
    {
        Ensure(request);
        var policyId = request.PolicyId ?? throw ApiProblemException.Invalid("policy_id", "give the new policy's id.");
        var policy = await database.InTransactionAsync(async work =>
        {
            if ((await catalog.PoliciesAsync(work.Connection, work.Transaction)).Any(existing => existing.PolicyId == policyId))
            {
                throw ApiProblemException.Conflict($"policy_id: a policy '{policyId}' exists; PUT /api/sla-policies/{policyId} changes it.");
            }

            return await SaveAsync(work, policyId, request, "sla_policy:created");
        }, cancellationToken);
        await RecomputeIfAskedAsync(request, cancellationToken);
        return policy;
    }

    public async Task<SlaPolicy> ReplaceAsync(string policyId, SlaPolicyRequest request, CancellationToken cancellationToken)
    {
        Ensure(request);
        if (request.PolicyId is not null && request.PolicyId != policyId)
        {
            throw ApiProblemException.Invalid("policy_id", $"must be '{policyId}', the policy being changed, or left out.");
        }

        var policy = await database.InTransactionAsync(async work =>
        {
            if (!(await catalog.PoliciesAsync(work.Connection, work.Transaction)).Any(existing => existing.PolicyId == policyId))
            {
                throw ApiProblemException.NotFound("SLA policy", policyId);
            }

            return await SaveAsync(work, policyId, request, "sla_policy:updated");
        }, cancellationToken);
        await RecomputeIfAskedAsync(request, cancellationToken);
        return policy;
    }

    public Task DeleteAsync(string policyId, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async work =>
        {
            var open = await work.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM tickets WHERE sla_policy_id = @policyId AND status NOT IN ('resolved', 'closed')", new { policyId });
            if (open > 0)
            {
                throw ApiProblemException.Conflict(
                    $"policy_id: {open} open tickets follow '{policyId}'; change its conditions so others apply and recompute, or resolve them, first.");
            }

            if (await work.ExecuteAsync("DELETE FROM sla_policies WHERE policy_id = @policyId", new { policyId }) == 0)
            {
                throw ApiProblemException.NotFound("SLA policy", policyId);
            }

            await audit.RecordAsync(work, "sla_policy:deleted", policyId);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Every open ticket follows the policy that matches it now, at that policy's lengths, keeping the time its targets
    /// have used; a ticket that had none gets them from now. Done a chunk of tickets per transaction.
    /// </summary>
    public async Task<int> RecomputeAsync(CancellationToken cancellationToken)
    {
        var ticketIds = await database.ReadAsync(
            async connection => (await Dapper.SqlMapper.QueryAsync<string>(
                connection, "SELECT ticket_id FROM tickets WHERE status NOT IN ('resolved', 'closed') ORDER BY ticket_id")).ToList(),
            cancellationToken);
        foreach (var chunk in ticketIds.Chunk(RecomputeChunk))
        {
            await database.InTransactionAsync(async work =>
            {
                var locked = await work.QueryAsync<Ticket>(
                    "SELECT * FROM tickets WHERE ticket_id = ANY(@chunk) AND status NOT IN ('resolved', 'closed') ORDER BY ticket_id FOR UPDATE",
                    new { chunk });
                foreach (var ticket in locked)
                {
                    await slas.MoveAsync(work, ticket, ticket with { UpdatedAt = clock.UtcNow() }, agentReplied: false, customerUpdated: false, rematch: true);
                }

                await SlaCatalog.NewVersionAsync(work);
                return true;
            }, cancellationToken);
        }

        await database.InTransactionAsync(async work =>
        {
            await audit.RecordAsync(work, "sla_policy:recomputed", $"{ticketIds.Count} tickets");
            return true;
        }, cancellationToken);
        return ticketIds.Count;
    }

    private Task RecomputeIfAskedAsync(SlaPolicyRequest request, CancellationToken cancellationToken) =>
        request.ApplyToOpenTickets == true ? RecomputeAsync(cancellationToken) : Task.CompletedTask;

    private async Task<SlaPolicy> SaveAsync(UnitOfWork work, string policyId, SlaPolicyRequest request, string action)
    {
        var conditions = request.Conditions ?? new SlaConditions();
        var escalation = request.Escalation ?? new SlaEscalation();
        if (await catalog.CalendarAsync(work.Connection, request.CalendarId!, work.Transaction) is null)
        {
            throw ApiProblemException.Invalid("calendar_id", $"there is no calendar '{request.CalendarId}'.");
        }

        if (conditions.CustomerId is { } customerId
            && await work.ExecuteScalarAsync<int>("SELECT count(*) FROM customers WHERE customer_id = @customerId", new { customerId }) == 0)
        {
            throw ApiProblemException.Invalid("conditions.customer_id", $"there is no customer '{customerId}'.");
        }

        if (escalation.AssignTo is { } agentId)
        {
            await AgentRoster.EnsureExistsAsync(work, agentId, "escalation.assign_to");
        }

        if ((await catalog.PoliciesAsync(work.Connection, work.Transaction)).FirstOrDefault(
                other => other.Position == request.Position && other.PolicyId != policyId) is { } taken)
        {
            throw ApiProblemException.Invalid("position", $"is {taken.PolicyId}'s; give each policy its own position.");
        }

        var policy = new SlaPolicy
        {
            PolicyId = policyId,
            Name = request.Name!.Trim(),
            Position = request.Position!.Value,
            Conditions = conditions,
            CalendarId = request.CalendarId!,
            WarningMinutes = request.WarningMinutes ?? 15,
            Targets = request.Targets!.ToDictionary(
                priority => priority.Key, priority => (IReadOnlyDictionary<string, SlaTerms>)priority.Value),
            Escalation = escalation,
            UpdatedAt = clock.UtcNow(),
        };
        await catalog.SavePolicyAsync(work, policy);
        await audit.RecordAsync(work, action, policyId);
        return policy;
    }

    private void Ensure(SlaPolicyRequest request)
    {
        if (SlaPolicyRules.Check(request, options.Value.Departments) is { Count: > 0 } errors)
        {
            throw ApiProblemException.Invalid(errors);
        }
    }
}
