using CallCenter.ApiService.Agents;
using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Customers;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using CallCenter.ApiService.Sla;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CallCenter.ApiService.Tickets;

/// <summary>The CRM's tickets: numbered per day, changed only by appending to their history.</summary>
public sealed class TicketBook(
    CallCenterDatabase database,
    EventOutbox outbox,
    PhoneNumberParser phoneNumbers,
    IOptions<CallCenterOptions> options,
    FloorAccess access,
    Sla.SlaBook slas,
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
            ticket = ticket with { Sla = await slas.OpenAsync(work, ticket) };
            outbox.Append(work, EventTypes.TicketCreated, ticket);
            return ticket;
        }, cancellationToken);
    }

    /// <summary>What a list request reads once the caller's scope is applied: the same for every caller it fits.</summary>
    public TicketListQuery QueryFor(TicketListRequest request) => new(
        request.Status, request.Priority, access.DepartmentScope(request.Department, "department"), request.AssignedTo,
        request.CustomerId, request.SlaStatus, request.Sort, request.Limit, request.Offset);

    public Task<Page<Ticket>> ListAsync(TicketListQuery query, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            var filter = new { query.Status, query.Priority, query.Department, query.AssignedTo, query.CustomerId, query.SlaStatus, Now = clock.UtcNow() };
            var paging = PagedQuery.ToPaging(query.Limit, query.Offset);
            var page = query.Sort == TicketListRequest.SlaDueOrder
                ? await connection.QueryPageAsync<Ticket>("tickets", ListFilter, filter, paging, NextDeadlineFirstPage)
                : await connection.QueryPageAsync<Ticket>("tickets", ListFilter, NewestFirst, filter, paging);
            return page with { Items = await slas.WithSlaAsync(connection, page.Items) };
        }, cancellationToken);

    /// <summary>Where the tickets' changes stand (<see cref="TicketMark"/>), read before a page so the page is never older than it.</summary>
    public Task<TicketMark> MarkAsync() =>
        database.ReadAsync(async connection =>
        {
            var (lastEvent, pendingEvents, catalogVersion) = await connection.QuerySingleAsync<(long, long, long)>(TicketMark.Sql);
            return new TicketMark(lastEvent, pendingEvents, catalogVersion);
        }, CancellationToken.None);

    // Within one instant, -10000 is a later ticket than -9999 though it sorts before it as text.
    private const string NewestFirst = "created_at DESC, length(ticket_id) DESC, ticket_id DESC";

    private const string ListFilter = """
        WHERE (@Status::text IS NULL OR status = @Status)
          AND (@Priority::text IS NULL OR priority = @Priority)
          AND (@Department::text IS NULL OR department = @Department)
          AND (@AssignedTo::text IS NULL OR assigned_to = @AssignedTo)
          AND (@CustomerId::text IS NULL OR customer_id = @CustomerId)
          AND (@SlaStatus::text IS NULL OR EXISTS (
                SELECT 1 FROM ticket_sla_targets target
                WHERE target.ticket_id = tickets.ticket_id
                  AND CASE @SlaStatus WHEN 'breached' THEN target.status = 'breached'
                                      ELSE target.status = 'active' AND target.warn_at <= @Now END))
        """;

    /// <summary>
    /// Tickets with a running target by their next deadline, then the rest newest first. Read as two pieces: the timed
    /// tickets (as many as targets run, found from their index) and, only as far as the page reaches past them, the
    /// rest from the newest-first index, so a year of closed tickets is not sorted for every page.
    /// </summary>
    private const string NextDeadlineFirstPage = $"""
        WITH next AS (
                SELECT ticket_id, min(due_at) AS next_due FROM ticket_sla_targets WHERE status = 'active' GROUP BY ticket_id),
             timed AS (
                SELECT tickets.*, next.next_due FROM tickets JOIN next USING (ticket_id) {ListFilter}),
             timed_count AS (SELECT count(*) AS n FROM timed)
        SELECT * FROM (
            (SELECT * FROM timed ORDER BY next_due, {NewestFirst} LIMIT @PageLimit OFFSET @PageOffset)
            UNION ALL
            (SELECT tickets.*, NULL::timestamptz AS next_due FROM tickets {ListFilter}
               AND NOT EXISTS (SELECT 1 FROM ticket_sla_targets running WHERE running.ticket_id = tickets.ticket_id AND running.status = 'active')
             ORDER BY {NewestFirst}
             LIMIT GREATEST(0, @PageLimit - GREATEST(0, (SELECT n FROM timed_count) - @PageOffset))
             OFFSET GREATEST(0, @PageOffset - (SELECT n FROM timed_count)))) AS page
        ORDER BY next_due NULLS LAST, {NewestFirst}
        """;

    public Task<TicketWithHistory> GetAsync(string ticketId, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            var ticket = await connection.QuerySingleOrDefaultAsync<Ticket>("SELECT * FROM tickets WHERE ticket_id = @ticketId", new { ticketId })
                ?? throw ApiProblemException.NotFound("Ticket", ticketId);
            EnsureCanWork(ticket);
            return new TicketWithHistory(ticket with { Sla = await slas.ViewAsync(connection, ticket) }, await HistoryAsync(connection, ticketId));
        }, cancellationToken);

    public async Task<TicketWithHistory> UpdateAsync(string ticketId, UpdateTicketRequest request, CancellationToken cancellationToken)
    {
        if (request is { Status: null, Notes: null, AssignedTo: null, Priority: null, Department: null, Reply: null, CustomerUpdate: null })
        {
            throw ApiProblemException.Invalid("status", "give at least one of status, notes, reply, customer_update, assigned_to, priority or department.");
        }

        if (request is { Reply: not null, CustomerUpdate: not null })
        {
            throw ApiProblemException.Invalid("customer_update", "record the customer's update and the reply to it as two changes, in the order they happened.");
        }

        var department = request.Department is null ? null : options.Value.EnsureDepartment(request.Department, "department");
        return await database.InTransactionAsync(async work =>
        {
            // The row lock, the history, the SLA targets and the ids of the entries this change may add, in one round trip:
            // all read once the lock is held, so no other change's entries come after them, or between them and ours.
            Ticket? found;
            List<TicketHistoryEntry> history;
            SlaTargetsRead targets;
            List<long> entryIds;
            using (var read = await work.QueryMultipleAsync(
                """
                SELECT * FROM tickets WHERE ticket_id = @ticketId FOR UPDATE;
                SELECT * FROM ticket_history WHERE ticket_id = @ticketId ORDER BY entry_id;
                SELECT nextval('ticket_history_entry_id_seq') FROM generate_series(1, @entries);
                """ + SlaCatalog.TicketTargetsSql,
                new { ticketId, entries = request.HistoryEntriesAtMost() }))
            {
                found = await read.ReadSingleOrDefaultAsync<Ticket>();
                history = (await read.ReadAsync<TicketHistoryEntry>()).AsList();
                entryIds = (await read.ReadAsync<long>()).AsList();
                targets = await SlaCatalog.ReadTicketTargetsAsync(read);
            }

            var ticket = found ?? throw ApiProblemException.NotFound("Ticket", ticketId);
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
            // The customer answering is what a ticket waiting on them was waiting for.
            var status = request.Status ?? (request.CustomerUpdate is not null && ticket.Status == TicketStatus.Pending ? TicketStatus.Open : ticket.Status);
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

            if (request.CustomerUpdate is not null)
            {
                changes.Add(new TicketHistoryEntry { Action = "customer_update", Note = request.CustomerUpdate.Trim() });
            }

            if (request.Reply is not null)
            {
                changes.Add(new TicketHistoryEntry { Action = "reply", Note = request.Reply.Trim() });
            }

            if (changes.Count == 0)
            {
                // Nothing differs: an idempotent PATCH writes nothing and raises no event.
                var unchanged = ticket with { Sla = await slas.ViewAsync(work.Connection, ticket, work.Transaction) };
                return new TicketWithHistory(unchanged, history);
            }

            // Nothing in this change reads the ticket's row, its history or its SLA again: their writes go with the commit.
            work.AtCommit(new NpgsqlBatchCommand(
                """
                UPDATE tickets SET status = $2, priority = $3, assigned_to = $4, department = $5, resolved_at = $6, updated_at = $7
                WHERE ticket_id = $1
                """)
            {
                Parameters =
                {
                    new() { Value = updated.TicketId },
                    new() { Value = updated.Status },
                    new() { Value = updated.Priority },
                    new() { Value = (object?)updated.AssignedTo ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                    new() { Value = (object?)updated.Department ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                    new() { Value = (object?)updated.ResolvedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                    new() { Value = updated.UpdatedAt },
                },
            });
            var author = access.Caller.Name;
            var written = changes.Select((change, index) => change with { EntryId = entryIds[index], At = now, Author = author }).ToList();
            written.ForEach(entry => work.AtCommit(HistoryInsert(ticketId, entry)));

            history.AddRange(written);
            updated = updated with { Sla = await slas.MoveAtCommitAsync(work, ticket, updated, request.Reply is not null, request.CustomerUpdate is not null, targets) };

            outbox.Append(work, EventTypes.TicketUpdated, updated, new
            {
                changes = written.Where(entry => entry.Action == "changed")
                    .Select(entry => new { field = entry.Field, from = entry.FromValue, to = entry.ToValue }),
                note = request.Notes?.Trim(),
                reply = request.Reply?.Trim(),
                customer_update = request.CustomerUpdate?.Trim(),
            });

            return new TicketWithHistory(updated, history);
        }, cancellationToken);
    }

    /// <summary>
    /// A breach's escalation (issue 14), made by the system in the breach's transaction: the changes are written to the
    /// history and announced as <c>ticket:updated</c> like anyone's. Returns the ticket as it now stands.
    /// </summary>
    public async Task<Ticket> EscalateAsync(UnitOfWork work, Ticket ticket, Sla.SlaEscalation escalation)
    {
        var now = clock.UtcNow();
        var escalated = ticket with
        {
            Priority = escalation.RaisePriority ? Sla.TicketSla.Raised(ticket.Priority) : ticket.Priority,
            Department = escalation.Department ?? ticket.Department,
            AssignedTo = escalation.AssignTo ?? ticket.AssignedTo,
            UpdatedAt = now,
        };
        var changes = new List<TicketHistoryEntry>();
        AddChange(changes, "priority", ticket.Priority, escalated.Priority);
        AddChange(changes, "department", ticket.Department, escalated.Department);
        AddChange(changes, "assigned_to", ticket.AssignedTo, escalated.AssignedTo);
        if (changes.Count == 0)
        {
            return ticket;
        }

        await work.ExecuteAsync(
            "UPDATE tickets SET priority = @Priority, assigned_to = @AssignedTo, department = @Department, updated_at = @UpdatedAt WHERE ticket_id = @TicketId",
            escalated);
        foreach (var change in changes)
        {
            await AppendHistoryAsync(work, ticket.TicketId, now, change);
        }

        escalated = escalated with { Sla = await slas.MoveAsync(work, ticket, escalated, agentReplied: false, customerUpdated: false) };
        outbox.Append(work, EventTypes.TicketUpdated, escalated, new
        {
            changes = changes.Select(entry => new { field = entry.Field, from = entry.FromValue, to = entry.ToValue }),
            escalated = true,
        });
        return escalated;
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

    private static NpgsqlBatchCommand HistoryInsert(string ticketId, TicketHistoryEntry entry) => new(
        """
        INSERT INTO ticket_history (entry_id, ticket_id, at, author, action, field, from_value, to_value, note)
        OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        """)
    {
        Parameters =
        {
            new() { Value = entry.EntryId },
            new() { Value = ticketId },
            new() { Value = entry.At },
            new() { Value = entry.Author },
            new() { Value = entry.Action },
            new() { Value = (object?)entry.Field ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new() { Value = (object?)entry.FromValue ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new() { Value = (object?)entry.ToValue ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new() { Value = (object?)entry.Note ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
        },
    };

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
