using CallCenter.ApiService.Agents;
using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Customers;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CallCenter.ApiService.Tickets;

/// <summary>The CRM's tickets: numbered per day, changed only by appending to their history.</summary>
public sealed class TicketBook(
    CallCenterDatabase database,
    EventOutbox outbox,
    PhoneNumberParser phoneNumbers,
    IOptions<CallCenterOptions> options,
    FloorAccess access,
    TimeProvider clock)
{
    public async Task<Ticket> CreateAsync(CreateTicketRequest request, CancellationToken cancellationToken)
    {
        // An agent's ticket is their own department's unless they name another, which they may not.
        var department = access.DepartmentScope(request.Department, "department") is { } scoped
            ? options.Value.EnsureDepartment(scoped, "department")
            : options.Value.DefaultDepartment;
        var phone = string.IsNullOrWhiteSpace(request.CustomerPhone) ? null : phoneNumbers.ToE164(request.CustomerPhone, "customer_phone");
        return await database.InTransactionAsync(async work =>
        {
            var customer = phone is null
                ? null
                : await CustomerDirectory.FindOrCreateAsync(work, phone, request.CustomerName!.Trim());
            if (request.CallId is not null
                && await work.ExecuteScalarAsync<int>("SELECT count(*) FROM calls WHERE call_id = @CallId", new { request.CallId }) == 0)
            {
                throw ApiProblemException.Invalid("call_id", $"there is no call '{request.CallId}'.");
            }

            if (request.AssignedTo is not null)
            {
                await AgentRoster.EnsureExistsAsync(work, request.AssignedTo, "assigned_to");
            }

            var now = clock.UtcNow();
            var ticket = new Ticket
            {
                TicketId = await NextTicketIdAsync(work, now),
                CustomerId = customer?.CustomerId,
                CustomerName = request.CustomerName!.Trim(),
                CustomerPhone = phone,
                CallId = request.CallId,
                Subject = request.Subject!.Trim(),
                Description = request.Description?.Trim() ?? "",
                Priority = request.Priority ?? Priority.Medium,
                Status = TicketStatus.Open,
                Department = department,
                AssignedTo = request.AssignedTo,
                CreatedAt = now,
                UpdatedAt = now,
            };
            await work.ExecuteAsync(
                """
                INSERT INTO tickets (ticket_id, customer_id, customer_name, customer_phone, call_id, subject, description,
                                     priority, status, department, assigned_to, created_at, updated_at)
                VALUES (@TicketId, @CustomerId, @CustomerName, @CustomerPhone, @CallId, @Subject, @Description,
                        @Priority, @Status, @Department, @AssignedTo, @CreatedAt, @UpdatedAt)
                """,
                ticket);
            await AppendHistoryAsync(work, ticket.TicketId, now, new TicketHistoryEntry { Action = "created" });
            outbox.Append(work, EventTypes.TicketCreated, ticket);
            return ticket;
        }, cancellationToken);
    }

    public Task<Page<Ticket>> ListAsync(TicketListRequest request, CancellationToken cancellationToken)
    {
        var department = access.DepartmentScope(request.Department, "department");
        return database.ReadAsync(connection => connection.QueryPageAsync<Ticket>(
            "tickets",
            """
            WHERE (@Status::text IS NULL OR status = @Status)
              AND (@Priority::text IS NULL OR priority = @Priority)
              AND (@Department::text IS NULL OR department = @Department)
              AND (@AssignedTo::text IS NULL OR assigned_to = @AssignedTo)
              AND (@CustomerId::text IS NULL OR customer_id = @CustomerId)
            """,
            // Within one instant, -10000 is a later ticket than -9999 though it sorts before it as text.
            "created_at DESC, length(ticket_id) DESC, ticket_id DESC",
            new { request.Status, request.Priority, Department = department, request.AssignedTo, request.CustomerId },
            PagedQuery.ToPaging(request.Limit, request.Offset)), cancellationToken);
    }

    public Task<TicketWithHistory> GetAsync(string ticketId, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            var ticket = await connection.QuerySingleOrDefaultAsync<Ticket>("SELECT * FROM tickets WHERE ticket_id = @ticketId", new { ticketId })
                ?? throw ApiProblemException.NotFound("Ticket", ticketId);
            EnsureCanWork(ticket);
            return new TicketWithHistory(ticket, await HistoryAsync(connection, ticketId));
        }, cancellationToken);

    public async Task<TicketWithHistory> UpdateAsync(string ticketId, UpdateTicketRequest request, CancellationToken cancellationToken)
    {
        if (request is { Status: null, Notes: null, AssignedTo: null, Priority: null, Department: null })
        {
            throw ApiProblemException.Invalid("status", "give at least one of status, notes, assigned_to, priority or department.");
        }

        var department = request.Department is null ? null : options.Value.EnsureDepartment(request.Department, "department");
        return await database.InTransactionAsync(async work =>
        {
            var ticket = await work.QuerySingleOrDefaultAsync<Ticket>(
                "SELECT * FROM tickets WHERE ticket_id = @ticketId FOR UPDATE", new { ticketId })
                ?? throw ApiProblemException.NotFound("Ticket", ticketId);
            EnsureCanWork(ticket);
            var staysClosed = ticket.Status == TicketStatus.Closed && request.Status is null or TicketStatus.Closed;
            // A form that sends every field with a note must not be refused for values it leaves as they are.
            var changesMore = (request.Priority is not null && request.Priority != ticket.Priority)
                || (request.AssignedTo is not null && request.AssignedTo != ticket.AssignedTo)
                || (department is not null && department != ticket.Department);
            if (staysClosed && changesMore)
            {
                throw ApiProblemException.Conflict($"status: ticket '{ticketId}' is closed; reopen it (status=open) to change it.");
            }

            if (request.AssignedTo is not null)
            {
                await AgentRoster.EnsureExistsAsync(work, request.AssignedTo, "assigned_to");
            }

            var now = clock.UtcNow();
            var status = request.Status ?? ticket.Status;
            var updated = ticket with
            {
                Status = status,
                Priority = request.Priority ?? ticket.Priority,
                AssignedTo = request.AssignedTo ?? ticket.AssignedTo,
                Department = department ?? ticket.Department,
                ResolvedAt = status is TicketStatus.Resolved or TicketStatus.Closed ? ticket.ResolvedAt ?? now : null,
                UpdatedAt = now,
            };

            var changes = new List<TicketHistoryEntry>();
            AddChange(changes, "status", ticket.Status, updated.Status);
            AddChange(changes, "priority", ticket.Priority, updated.Priority);
            AddChange(changes, "assigned_to", ticket.AssignedTo, updated.AssignedTo);
            AddChange(changes, "department", ticket.Department, updated.Department);
            if (request.Notes is not null)
            {
                changes.Add(new TicketHistoryEntry { Action = "note", Note = request.Notes.Trim() });
            }

            if (changes.Count == 0)
            {
                // Nothing differs: an idempotent PATCH writes nothing and raises no event.
                return new TicketWithHistory(ticket, await HistoryAsync(work.Connection, ticketId, work.Transaction));
            }

            await work.ExecuteAsync(
                """
                UPDATE tickets SET status = @Status, priority = @Priority, assigned_to = @AssignedTo, department = @Department,
                                   resolved_at = @ResolvedAt, updated_at = @UpdatedAt
                WHERE ticket_id = @TicketId
                """,
                updated);
            var written = new List<TicketHistoryEntry>();
            foreach (var change in changes)
            {
                written.Add(await AppendHistoryAsync(work, ticketId, now, change));
            }

            outbox.Append(work, EventTypes.TicketUpdated, updated, new
            {
                changes = written.Where(entry => entry.Action == "changed")
                    .Select(entry => new { field = entry.Field, from = entry.FromValue, to = entry.ToValue }),
                note = request.Notes?.Trim(),
            });

            return new TicketWithHistory(updated, await HistoryAsync(work.Connection, ticketId, work.Transaction));
        }, cancellationToken);
    }

    /// <summary>The day's next ticket id from a per-day counter whose row lock makes concurrent creates take turns.</summary>
    private static async Task<string> NextTicketIdAsync(UnitOfWork work, DateTime now)
    {
        var day = DateOnly.FromDateTime(now);
        var number = await work.ExecuteScalarAsync<int>(
            """
            INSERT INTO ticket_day_counters (day, last_value) VALUES (@day, 1)
            ON CONFLICT (day) DO UPDATE SET last_value = ticket_day_counters.last_value + 1
            RETURNING last_value
            """,
            new { day });
        return TicketNumber.Format(day, number);
    }

    private Task<TicketHistoryEntry> AppendHistoryAsync(
        UnitOfWork work, string ticketId, DateTime at, TicketHistoryEntry entry) =>
        work.QuerySingleAsync<TicketHistoryEntry>(
            """
            INSERT INTO ticket_history (ticket_id, at, author, action, field, from_value, to_value, note)
            VALUES (@ticketId, @at, @author, @Action, @Field, @FromValue, @ToValue, @Note)
            RETURNING *
            """,
            new { ticketId, at, author = access.Caller.Name, entry.Action, entry.Field, entry.FromValue, entry.ToValue, entry.Note });

    private static async Task<IReadOnlyList<TicketHistoryEntry>> HistoryAsync(NpgsqlConnection connection, string ticketId, NpgsqlTransaction? transaction = null) =>
        [.. await connection.QueryAsync<TicketHistoryEntry>(
            "SELECT * FROM ticket_history WHERE ticket_id = @ticketId ORDER BY entry_id", new { ticketId }, transaction)];

    private static void AddChange(List<TicketHistoryEntry> changes, string field, string? from, string? to)
    {
        if (from != to)
        {
            changes.Add(new TicketHistoryEntry { Action = "changed", Field = field, FromValue = from, ToValue = to });
        }
    }

    private void EnsureCanWork(Ticket ticket) => access.EnsureCanWork("ticket", ticket.TicketId, ticket.Department, ticket.AssignedTo);
}
