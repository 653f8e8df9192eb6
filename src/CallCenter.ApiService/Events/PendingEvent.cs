using Npgsql;
using NpgsqlTypes;

namespace CallCenter.ApiService.Events;

/// <summary>An event a unit of work appended, written to the pending outbox with the work's commit.</summary>
public sealed record PendingEvent(
    string Type,
    string DataJson,
    DateTime OccurredAt,
    string? TraceParent,
    string Actor,
    string ActorRole,
    string? KeyId,
    string? Subject)
{
    private const string InsertSql = """
        INSERT INTO pending_events (type, data, occurred_at, trace_parent, actor, actor_role, key_id, subject)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        """;

    public NpgsqlBatchCommand ToInsert() => new(InsertSql)
    {
        Parameters =
        {
            new() { Value = Type },
            new() { Value = DataJson, NpgsqlDbType = NpgsqlDbType.Jsonb },
            new() { Value = OccurredAt },
            new() { Value = (object?)TraceParent ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new() { Value = Actor },
            new() { Value = ActorRole },
            new() { Value = (object?)KeyId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new() { Value = (object?)Subject ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
        },
    };
}
