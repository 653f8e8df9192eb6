using CallCenter.ApiService.Data;
using CallCenter.ApiService.Tickets;
using Npgsql;

namespace CallCenter.ApiService.Sla;

/// <summary>
/// Keeps each ticket's targets in step with its life: started when it is opened under the first policy that matches,
/// moved by every change in the change's own transaction, and read back as <see cref="TicketSlaView"/>.
/// </summary>
public sealed class SlaBook(SlaCatalog catalog, TimeProvider clock)
{
    public async Task<TicketSlaView?> OpenAsync(UnitOfWork work, Ticket ticket)
    {
        if (await catalog.PlanAsync(work, ticket.Department, ticket.Priority, ticket.CustomerId) is not { } plan)
        {
            return null;
        }

        var change = TicketSla.Open(plan, ticket.Priority, ticket.CreatedAt);
        await work.ExecuteAsync(
            "UPDATE tickets SET sla_policy_id = @PolicyId WHERE ticket_id = @TicketId", new { plan.Policy.PolicyId, ticket.TicketId });
        await TicketSlaStore.SaveAsync(work, ticket.TicketId, change);
        return TicketSlaViews.Build(plan.Policy, plan.Calendar, change.Targets, ticket.CreatedAt);
    }

    /// <summary>
    /// Moves the targets for a change from <paramref name="before"/> to <paramref name="after"/>; a new priority or
    /// department (or <paramref name="rematch"/>, after the policies changed) may bring another policy, whose lengths
    /// then apply to the time already used. A ticket without targets gets them from now.
    /// </summary>
    public Task<TicketSlaView?> MoveAsync(
        UnitOfWork work, Ticket before, Ticket after, bool agentReplied, bool customerUpdated, bool rematch = false) =>
        MoveAsync(work, before, after, new TicketSlaMove(agentReplied, customerUpdated, rematch, AtCommit: false), read: null);

    /// <summary>
    /// The same move from the targets the change read with the ticket's lock (<see cref="SlaCatalog.TicketTargetsSql"/>),
    /// its writes sent with the work's commit, for a change that reads neither the ticket's policy nor its targets again
    /// in its transaction: a ticket's PATCH saves three round trips.
    /// </summary>
    public Task<TicketSlaView?> MoveAtCommitAsync(
        UnitOfWork work, Ticket before, Ticket after, bool agentReplied, bool customerUpdated, SlaTargetsRead read) =>
        MoveAsync(work, before, after, new TicketSlaMove(agentReplied, customerUpdated, Rematch: false, AtCommit: true), read);

    private async Task<TicketSlaView?> MoveAsync(UnitOfWork work, Ticket before, Ticket after, TicketSlaMove how, SlaTargetsRead? read)
    {
        var now = after.UpdatedAt;
        var termsChanged = how.Rematch || before.Priority != after.Priority || before.Department != after.Department;
        var snapshot = read is { } targets
            ? await catalog.SnapshotAsync(work.Connection, after.TicketId, targets, work.Transaction)
            : await catalog.SnapshotAsync(work.Connection, [after.TicketId], work.Transaction);
        IReadOnlyList<SlaTarget> current = [.. snapshot.Targets[after.TicketId]];
        var policy = termsChanged
            ? SlaPolicy.Match(snapshot.Policies, after.Department, after.Priority, after.CustomerId)
            : snapshot.Policy(before.SlaPolicyId);
        if (policy is null || snapshot.PlanOf(policy) is not { } plan)
        {
            return current.Count == 0 ? null : await ViewAsync(work.Connection, after, work.Transaction);
        }

        var move = new TicketMove(before.Status, after.Status, after.Priority, how.AgentReplied, how.CustomerUpdated, termsChanged);
        var change = current.Count == 0 ? TicketSla.Open(plan, after.Priority, now) : TicketSla.Apply(plan, current, move, now);
        List<NpgsqlBatchCommand> writes = [];
        if (policy.PolicyId != before.SlaPolicyId)
        {
            writes.Add(new NpgsqlBatchCommand("UPDATE tickets SET sla_policy_id = $1 WHERE ticket_id = $2")
            {
                Parameters = { new() { Value = policy.PolicyId }, new() { Value = after.TicketId } },
            });
        }

        writes.AddRange(TicketSlaStore.Commands(after.TicketId, change));
        if (how.AtCommit)
        {
            writes.ForEach(work.AtCommit);
        }
        else
        {
            await work.ExecuteBatchAsync(writes);
        }

        return TicketSlaViews.Build(policy, plan.Calendar, change.Targets, now);
    }

    private readonly record struct TicketSlaMove(bool AgentReplied, bool CustomerUpdated, bool Rematch, bool AtCommit);

    /// <summary>One ticket's SLA now, with its timeline.</summary>
    public async Task<TicketSlaView?> ViewAsync(NpgsqlConnection connection, Ticket ticket, NpgsqlTransaction? transaction = null)
    {
        var targets = await TicketSlaStore.TargetsAsync(connection, ticket.TicketId, transaction);
        if (targets.Count == 0)
        {
            return null;
        }

        var (policy, calendar) = await PolicyOfAsync(connection, ticket.SlaPolicyId, transaction);
        return TicketSlaViews.Build(policy, calendar, targets, clock.UtcNow(), await TicketSlaStore.TimelineAsync(connection, ticket.TicketId, transaction));
    }

    /// <summary>The SLA of each ticket on a page, without timelines, in two reads whatever the page's size.</summary>
    public async Task<IReadOnlyList<Ticket>> WithSlaAsync(NpgsqlConnection connection, IReadOnlyList<Ticket> tickets)
    {
        if (tickets.Count == 0)
        {
            return tickets;
        }

        var snapshot = await catalog.SnapshotAsync(connection, [.. tickets.Select(ticket => ticket.TicketId)]);
        var calendars = snapshot.Calendars.ToDictionary(pair => pair.Key, pair => new Lazy<BusinessCalendar>(pair.Value.ToCalendar));
        var now = clock.UtcNow();
        return [.. tickets.Select(ticket =>
        {
            if (!snapshot.Targets.Contains(ticket.TicketId))
            {
                return ticket;
            }

            var policy = snapshot.Policy(ticket.SlaPolicyId);
            var calendar = policy is not null && calendars.TryGetValue(policy.CalendarId, out var found) ? found.Value : BusinessCalendar.AlwaysOpen;
            return ticket with { Sla = TicketSlaViews.Build(policy, calendar, [.. snapshot.Targets[ticket.TicketId]], now) };
        })];
    }

    private async Task<(SlaPolicy? Policy, BusinessCalendar Calendar)> PolicyOfAsync(
        NpgsqlConnection connection, string? policyId, NpgsqlTransaction? transaction)
    {
        var policy = (await catalog.PoliciesAsync(connection, transaction)).FirstOrDefault(candidate => candidate.PolicyId == policyId);
        var calendar = policy is null ? null : await catalog.CalendarAsync(connection, policy.CalendarId, transaction);
        return (policy, calendar?.ToCalendar() ?? BusinessCalendar.AlwaysOpen);
    }
}
