using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Realtime;
using CallCenter.ApiService.Security;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CallCenter.ApiService.Events;

/// <summary>
/// Writes a change's event inside the change's own transaction. Call it last in the transaction: the event
/// counter row stays locked until commit, which is what keeps ids contiguous and in commit order. The same
/// statement writes the audit entry: who made the change.
/// </summary>
public sealed class EventOutbox(IOptions<JsonOptions> jsonOptions, FloorCallers callers, TimeProvider clock)
{
    private const string AppendSql = """
        WITH next AS (UPDATE event_counter SET last_id = last_id + 1 RETURNING last_id),
             stored AS (
                 INSERT INTO events (event_id, type, data, occurred_at, trace_parent)
                 SELECT last_id, @type, @data, @occurred_at, @trace_parent FROM next
                 RETURNING event_id)
        INSERT INTO audit_log (at, actor, actor_role, key_id, action, subject, event_id)
        SELECT @occurred_at, @actor, @actor_role, @key_id, @type, @subject, event_id FROM stored
        RETURNING event_id
        """;

    private readonly JsonSerializerOptions _json = jsonOptions.Value.SerializerOptions;

    public Task<long> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string type, object data, CancellationToken cancellationToken) =>
        AppendAsync(connection, transaction, type, data, extra: null, cancellationToken);

    /// <summary>Appends an event whose data is <paramref name="data"/>'s fields plus <paramref name="extra"/>'s.</summary>
    public async Task<long> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string type, object data, object? extra, CancellationToken cancellationToken)
    {
        var fields = JsonSerializer.SerializeToNode(data, data.GetType(), _json)!.AsObject();
        if (extra is not null)
        {
            foreach (var (name, value) in JsonSerializer.SerializeToNode(extra, extra.GetType(), _json)!.AsObject())
            {
                fields[name] = value?.DeepClone();
            }
        }

        var json = fields.ToJsonString(_json);
        var occurredAt = clock.UtcNow();
        var traceParent = Activity.Current?.Id;
        await using var command = new NpgsqlCommand(AppendSql, connection, transaction);
        command.Parameters.AddWithValue("type", type);
        command.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Jsonb) { Value = json });
        command.Parameters.AddWithValue("occurred_at", occurredAt);
        // Lets a catch-up from PostgreSQL link back to the request that caused the event.
        command.Parameters.AddWithValue("trace_parent", (object?)traceParent ?? DBNull.Value);
        var caller = callers.Current;
        command.Parameters.AddWithValue("actor", caller.Name);
        command.Parameters.AddWithValue("actor_role", caller.Role);
        command.Parameters.AddWithValue("key_id", (object?)caller.KeyId ?? DBNull.Value);
        command.Parameters.AddWithValue("subject", (object?)SubjectOf(fields) ?? DBNull.Value);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        CallCenterDatabase.PublishOnCommit(LiveEvent.FromStored(id, type, json, occurredAt, traceParent));
        return id;
    }

    /// <summary>What a change was made to: a ticket's event also names its call, so the ticket comes first.</summary>
    private static string? SubjectOf(JsonObject fields) =>
        new[] { "ticket_id", "call_id", "agent_id" }
            .Select(name => fields[name] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null)
            .FirstOrDefault(id => id is not null);
}
