using CallCenter.ApiService.Data;
using Dapper;
using Npgsql;

namespace CallCenter.ApiService.Sla;

/// <summary>Each ticket's targets and SLA timeline, written in the transaction of the change that moved them.</summary>
public static class TicketSlaStore
{
    public static async Task<IReadOnlyList<SlaTarget>> TargetsAsync(NpgsqlConnection connection, string ticketId, NpgsqlTransaction? transaction = null) =>
        [.. await connection.QueryAsync<SlaTarget>(
            "SELECT * FROM ticket_sla_targets WHERE ticket_id = @ticketId", new { ticketId }, transaction)];

    /// <summary>
    /// The SLA catalog's version, then the targets of many tickets (<c>@ticketIds</c>, a page of a list), one row per
    /// target, or a single row with no target when none has one.
    /// </summary>
    /// <remarks>
    /// Joined to the ids rather than <c>ticket_id = ANY(@ticketIds)</c>: with the statement prepared, PostgreSQL's plan
    /// for ANY compared each row with every id in turn (0.48 ms for a page of 50 against 600 targets); the join hashes
    /// the ids, or looks each one up in the key once the table is large (0.15 ms).
    /// </remarks>
    public const string TargetsAtCatalogVersionSql = """
        SELECT catalog.version, target.*
        FROM sla_catalog_version AS catalog
        LEFT JOIN (unnest(@ticketIds::text[]) AS page(ticket_id) JOIN ticket_sla_targets AS target USING (ticket_id)) ON true
        """;

    public static async Task<IReadOnlyList<SlaLogEntry>> TimelineAsync(NpgsqlConnection connection, string ticketId, NpgsqlTransaction? transaction = null) =>
        [.. (await connection.QueryAsync<(DateTime At, string Kind, string What, string? Detail)>(
            "SELECT at, kind, what, detail FROM ticket_sla_log WHERE ticket_id = @ticketId ORDER BY entry_id", new { ticketId }, transaction))
            .Select(row => new SlaLogEntry(row.At, row.Kind, row.What, row.Detail))];

    /// <summary>Writes the targets that changed and the timeline lines, in one round trip.</summary>
    public static Task SaveAsync(UnitOfWork work, string ticketId, SlaChange change) =>
        work.ExecuteBatchAsync([.. Commands(ticketId, change)]);

    /// <summary>The writes for the targets that changed and the timeline lines, for a caller that sends them with others.</summary>
    public static IEnumerable<NpgsqlBatchCommand> Commands(string ticketId, SlaChange change)
    {
        foreach (var target in change.Targets)
        {
            var upsert = new NpgsqlBatchCommand(
                """
                INSERT INTO ticket_sla_targets (ticket_id, kind, target_minutes, business_time, status, started_at, segment_started_at,
                                                used_ticks, due_at, warn_at, warned_at, breached_at, achieved_at, fire_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                ON CONFLICT (ticket_id, kind) DO UPDATE SET
                    target_minutes = excluded.target_minutes, business_time = excluded.business_time, status = excluded.status,
                    started_at = excluded.started_at, segment_started_at = excluded.segment_started_at, used_ticks = excluded.used_ticks,
                    due_at = excluded.due_at, warn_at = excluded.warn_at, warned_at = excluded.warned_at,
                    breached_at = excluded.breached_at, achieved_at = excluded.achieved_at, fire_at = excluded.fire_at
                """);
            foreach (var value in new object?[]
            {
                ticketId, target.Kind, target.TargetMinutes, target.BusinessTime, target.Status, target.StartedAt, target.SegmentStartedAt,
                target.UsedTicks, target.DueAt, target.WarnAt, target.WarnedAt, target.BreachedAt, target.AchievedAt, target.FireAt,
            })
            {
                upsert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = TypeOf(value) });
            }

            yield return upsert;
        }

        foreach (var entry in change.Log)
        {
            var insert = new NpgsqlBatchCommand("INSERT INTO ticket_sla_log (ticket_id, at, kind, what, detail) VALUES ($1, $2, $3, $4, $5)");
            insert.Parameters.Add(new NpgsqlParameter { Value = ticketId });
            insert.Parameters.Add(new NpgsqlParameter { Value = entry.At });
            insert.Parameters.Add(new NpgsqlParameter { Value = entry.Kind });
            insert.Parameters.Add(new NpgsqlParameter { Value = entry.What });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.Detail ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            yield return insert;
        }
    }

    // A null's type cannot be inferred from the value; the timestamps are the only nullable columns.
    private static NpgsqlTypes.NpgsqlDbType TypeOf(object? value) => value switch
    {
        null or DateTime => NpgsqlTypes.NpgsqlDbType.TimestampTz,
        string => NpgsqlTypes.NpgsqlDbType.Text,
        int => NpgsqlTypes.NpgsqlDbType.Integer,
        long => NpgsqlTypes.NpgsqlDbType.Bigint,
        bool => NpgsqlTypes.NpgsqlDbType.Boolean,
        _ => throw new ArgumentException($"No column type for {value.GetType()}.", nameof(value)),
    };
}
