using System.Diagnostics;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Realtime;
using CallCenter.ApiService.Tickets;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;

namespace CallCenter.ApiService.Sla;

/// <summary>
/// Sends <c>ticket:sla_warning</c> and <c>ticket:sla_breached</c> when they fall due, and escalates on a breach. Every
/// replica looks each <see cref="SlaOptions.WatchInterval"/> at the stored fire times, so a restart loses nothing;
/// the ticket's row lock, taken with SKIP LOCKED and checked again under it, makes each event go out once, from one
/// replica. It stays out of traces unless it fired something.
/// </summary>
public sealed class SlaWatch(
    CallCenterDatabase database,
    NpgsqlDataSource dataSource,
    SlaCatalog catalog,
    SlaBook slas,
    TicketBook tickets,
    EventOutbox outbox,
    EventFeed feed,
    IOptions<SlaOptions> options,
    TimeProvider clock,
    ILogger<SlaWatch> logger) : BackgroundService
{
    public static readonly ActivitySource ActivitySource = new("CallCenter.Sla");

    private const int Batch = 100;

    private readonly OutageLog _outage = new(logger, "Watching SLA deadlines");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await feed.Ready.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.WatchInterval, clock);
        do
        {
            try
            {
                await WatchAsync(stoppingToken);
                _outage.Succeeded();
            }
            catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception) && !stoppingToken.IsCancellationRequested)
            {
                _outage.Failed(exception);
            }
            catch (NpgsqlException exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Watching SLA deadlines failed; the next look tries again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> due;
        using (SuppressInstrumentationScope.Begin())
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            due = [.. await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT DISTINCT ticket_id FROM ticket_sla_targets WHERE fire_at <= @now LIMIT @Batch",
                new { now = clock.UtcNow(), Batch }, cancellationToken: cancellationToken))];
        }

        foreach (var ticketId in due)
        {
            using var activity = ActivitySource.StartActivity("ticket sla deadline");
            activity?.SetTag("callcenter.ticket_id", ticketId);
            var fired = await database.InTransactionAsync(work => FireAsync(work, ticketId), cancellationToken);
            activity?.SetTag("callcenter.sla.fired", fired);
        }
    }

    /// <summary>Fires what is due on one ticket; another replica holding the ticket makes this one pass it by.</summary>
    private async Task<int> FireAsync(UnitOfWork work, string ticketId)
    {
        var ticket = await work.QuerySingleOrDefaultAsync<Ticket>(
            "SELECT * FROM tickets WHERE ticket_id = @ticketId FOR UPDATE SKIP LOCKED", new { ticketId });
        if (ticket is null)
        {
            return 0;
        }

        var change = TicketSla.Fire(await TicketSlaStore.TargetsAsync(work.Connection, ticketId, work.Transaction), clock.UtcNow());
        if (change.Log.Count == 0)
        {
            return 0;
        }

        await TicketSlaStore.SaveAsync(work, ticketId, change);
        var policy = (await catalog.PoliciesAsync(work.Connection, work.Transaction)).FirstOrDefault(candidate => candidate.PolicyId == ticket.SlaPolicyId);
        foreach (var fired in change.Log)
        {
            var target = change.Targets.First(candidate => candidate.Kind == fired.Kind);
            if (fired.What == SlaEvents.Warned)
            {
                var current = ticket with { Sla = await slas.ViewAsync(work.Connection, ticket, work.Transaction) };
                outbox.Append(work, EventTypes.TicketSlaWarning, current, new { target = target.Kind, due_at = target.DueAt });
                continue;
            }

            var escalation = policy?.Escalation ?? new SlaEscalation();
            var before = ticket;
            if (escalation.DoesAnything)
            {
                ticket = await tickets.EscalateAsync(work, ticket, escalation);
                await TicketSlaStore.SaveAsync(work, ticketId, new SlaChange([], [new SlaLogEntry(fired.At, fired.Kind, SlaEvents.Escalated, Escalation(before, ticket))]));
            }

            var breached = ticket with { Sla = await slas.ViewAsync(work.Connection, ticket, work.Transaction) };
            outbox.Append(work, EventTypes.TicketSlaBreached, breached, new
            {
                target = target.Kind,
                breached_at = target.BreachedAt,
                escalation = new { priority_from = before.Priority, department_from = before.Department, assigned_from = before.AssignedTo },
            });
        }

        return change.Log.Count;
    }

    private static string Escalation(Ticket before, Ticket after) => string.Join(", ", new[]
    {
        before.Priority != after.Priority ? $"priority {before.Priority} → {after.Priority}" : null,
        before.Department != after.Department ? $"department {before.Department} → {after.Department}" : null,
        before.AssignedTo != after.AssignedTo ? $"assigned to {after.AssignedTo}" : null,
    }.OfType<string>());
}
