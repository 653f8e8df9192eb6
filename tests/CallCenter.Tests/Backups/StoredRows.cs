using CallCenter.Tests.Infrastructure;
using Npgsql;

namespace CallCenter.Tests.Backups;

/// <summary>What one database holds of the rows a backup must bring back: calls, tickets, the event log and the audit trail.</summary>
internal sealed record StoredRows(IReadOnlySet<string> CallIds, IReadOnlySet<string> TicketIds, long LastEventId, long LastAuditEntry)
{
    public static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30);

    public static async Task<StoredRows> ReadAsync(CallCenterApp app)
    {
        await using var connection = await OpenAsync(app);
        return new StoredRows(
            await TextsAsync(connection, "SELECT call_id FROM calls"),
            await TextsAsync(connection, "SELECT ticket_id FROM tickets"),
            await ScalarAsync<long>(connection, "SELECT coalesce(max(event_id), 0) FROM events"),
            await ScalarAsync<long>(connection, "SELECT coalesce(max(entry_id), 0) FROM audit_log"));
    }

    /// <summary>The event log and audit trail up to the given ids, as text, to compare two databases row for row.</summary>
    public static async Task<IReadOnlyList<string>> HistoryUpToAsync(CallCenterApp app, long lastEventId, long lastAuditEntry)
    {
        await using var connection = await OpenAsync(app);
        var events = await TextsInOrderAsync(connection, $"SELECT concat_ws('|', event_id, type, data::text) FROM events WHERE event_id <= {lastEventId} ORDER BY event_id");
        var audit = await TextsInOrderAsync(connection, $"SELECT concat_ws('|', entry_id, at, actor, action, subject, event_id) FROM audit_log WHERE entry_id <= {lastAuditEntry} ORDER BY entry_id");
        return [.. events, .. audit];
    }

    /// <summary>Events and audit entries that name any of the calls.</summary>
    public static async Task<long> MentionsAsync(CallCenterApp app, IReadOnlyList<string> callIds)
    {
        await using var connection = await OpenAsync(app);
        using var timeout = new CancellationTokenSource(QueryTimeout);
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM events WHERE data->>'call_id' = ANY(@ids))
                 + (SELECT count(*) FROM audit_log WHERE subject = ANY(@ids))
            """, connection);
        command.Parameters.AddWithValue("ids", callIds.ToArray());
        return (long)(await command.ExecuteScalarAsync(timeout.Token))!;
    }

    public static async Task<NpgsqlConnection> OpenAsync(CallCenterApp app)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await app.GetConnectionStringAsync("callcenterdb")) { Pooling = false };
        var connection = new NpgsqlConnection(connectionString.ConnectionString);
        using var timeout = new CancellationTokenSource(QueryTimeout);
        await connection.OpenAsync(timeout.Token);
        return connection;
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        using var timeout = new CancellationTokenSource(QueryTimeout);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(timeout.Token))!;
    }

    private static async Task<IReadOnlySet<string>> TextsAsync(NpgsqlConnection connection, string sql) =>
        (await TextsInOrderAsync(connection, sql)).ToHashSet();

    private static async Task<IReadOnlyList<string>> TextsInOrderAsync(NpgsqlConnection connection, string sql)
    {
        using var timeout = new CancellationTokenSource(QueryTimeout);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(timeout.Token);
        var texts = new List<string>();
        while (await reader.ReadAsync(timeout.Token))
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }
}
