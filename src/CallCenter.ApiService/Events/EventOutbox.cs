using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Security;
using Microsoft.Extensions.Options;
using NpgsqlTypes;

namespace CallCenter.ApiService.Events;

/// <summary>
/// Writes a change's event inside the change's own transaction, into the pending outbox: no shared row is
/// locked, so writers commit side by side. <see cref="EventSequencer"/> numbers the event after the commit,
/// and writes its audit entry (who made the change) with the number.
/// </summary>
public sealed class EventOutbox(IOptions<JsonOptions> jsonOptions, FloorCallers callers, TimeProvider clock)
{
    private const string AppendSql = """
        INSERT INTO pending_events (type, data, occurred_at, trace_parent, actor, actor_role, key_id, subject)
        VALUES (@type, @data, @occurred_at, @trace_parent, @actor, @actor_role, @key_id, @subject)
        RETURNING pending_id
        """;

    private readonly JsonSerializerOptions _json = jsonOptions.Value.SerializerOptions;

    public Task AppendAsync(UnitOfWork work, string type, object data) => AppendAsync(work, type, data, extra: null);

    /// <summary>Appends an event whose data is <paramref name="data"/>'s fields plus <paramref name="extra"/>'s.</summary>
    public async Task AppendAsync(UnitOfWork work, string type, object data, object? extra)
    {
        var fields = JsonSerializer.SerializeToNode(data, data.GetType(), _json)!.AsObject();
        if (extra is not null)
        {
            foreach (var (name, value) in JsonSerializer.SerializeToNode(extra, extra.GetType(), _json)!.AsObject())
            {
                fields[name] = value?.DeepClone();
            }
        }

        await using var command = work.Connection.CreateCommand();
        command.CommandText = AppendSql;
        command.Transaction = work.Transaction;
        command.Parameters.AddWithValue("type", type);
        command.Parameters.Add(new Npgsql.NpgsqlParameter("data", NpgsqlDbType.Jsonb) { Value = fields.ToJsonString(_json) });
        command.Parameters.AddWithValue("occurred_at", clock.UtcNow());
        // Lets a catch-up from PostgreSQL link back to the request that caused the event.
        command.Parameters.AddWithValue("trace_parent", (object?)Activity.Current?.Id ?? DBNull.Value);
        var caller = callers.Current;
        command.Parameters.AddWithValue("actor", caller.Name);
        command.Parameters.AddWithValue("actor_role", caller.Role);
        command.Parameters.AddWithValue("key_id", (object?)caller.KeyId ?? DBNull.Value);
        command.Parameters.AddWithValue("subject", (object?)SubjectOf(fields) ?? DBNull.Value);
        work.Appended((long)(await command.ExecuteScalarAsync(work.CancellationToken))!);
    }

    /// <summary>What a change was made to: a ticket's event also names its call, so the ticket comes first.</summary>
    private static string? SubjectOf(JsonObject fields) =>
        new[] { "ticket_id", "call_id", "agent_id" }
            .Select(name => fields[name] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null)
            .FirstOrDefault(id => id is not null);
}
