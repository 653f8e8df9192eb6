using System.Text.Json.Nodes;
using Npgsql;

namespace CallCenter.Tests.Infrastructure;

public sealed record StoredEvent(long Id, string Type, JsonNode Data);

/// <summary>Reads the outbox straight from PostgreSQL, to check what each mutation wrote.</summary>
public sealed class EventLog(string connectionString)
{
    public async Task<long> LastIdAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT last_id FROM event_counter", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<IReadOnlyList<StoredEvent>> AfterAsync(long afterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT event_id, type, data::text FROM events WHERE event_id > @after ORDER BY event_id", connection);
        command.Parameters.AddWithValue("after", afterId);
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync())
        {
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetString(1), JsonNode.Parse(reader.GetString(2))!));
        }

        return events;
    }

    /// <summary>Row counts of every table a client can change: equal before and after means nothing was written.</summary>
    public async Task<string> FingerprintAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT concat_ws('|',
                (SELECT count(*) FROM calls), (SELECT max(updated_at) FROM calls),
                (SELECT count(*) FROM customers), (SELECT count(*) FROM tickets), (SELECT max(updated_at) FROM tickets),
                (SELECT count(*) FROM ticket_history), (SELECT count(*) FROM transcript_messages),
                (SELECT count(*) FROM call_transfers), (SELECT max(status_changed_at) FROM agents),
                (SELECT last_id FROM event_counter), (SELECT count(*) FROM pending_events),
                (SELECT count(*) FROM business_calendars), (SELECT max(updated_at) FROM business_calendars),
                (SELECT count(*) FROM sla_policies), (SELECT max(updated_at) FROM sla_policies), (SELECT count(*) FROM ticket_sla_log))
            """,
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// One call's row, what hangs off it and every event naming it (sequenced or not yet): for checks made while the
    /// floor's own timers (wrap-ups ending, offers expiring) may write elsewhere.
    /// </summary>
    public async Task<string> CallFingerprintAsync(string callId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT concat_ws('|',
                (SELECT row_to_json(call)::text FROM calls call WHERE call_id = @call),
                (SELECT count(*) FROM call_transfers WHERE call_id = @call),
                (SELECT count(*) FROM transcript_messages WHERE call_id = @call),
                (SELECT count(*) FROM tickets WHERE call_id = @call),
                (SELECT count(*) FROM events WHERE strpos(data::text, @call) > 0)
                    + (SELECT count(*) FROM pending_events WHERE strpos(data::text, @call) > 0))
            """,
            connection);
        command.Parameters.AddWithValue("call", callId);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
