using Npgsql;

namespace CallCenter.Tests.Infrastructure;

/// <summary>
/// The database's id counters, read and moved straight in PostgreSQL so a test reaches an id's edge in a few
/// requests. Counters only ever move forward: the shared app's later tests must still get ids nobody holds.
/// </summary>
public sealed class IdCounters(string connectionString)
{
    public static async Task<IdCounters> OfAsync(CallCenterApp app) => new(await app.GetConnectionStringAsync("callcenterdb"));

    /// <summary>The number the sequence gives next.</summary>
    public Task<long> NextAsync(string sequence) =>
        ScalarAsync<long>("SELECT COALESCE(pg_sequence_last_value(@sequence::regclass), 0) + 1", ("sequence", sequence));

    /// <summary>Moves the sequence so it gives <paramref name="next"/> next, unless it is past it; answers what it gives next.</summary>
    public Task<long> MoveAsync(string sequence, long next) =>
        ScalarAsync<long>(
            "SELECT setval(@sequence::regclass, GREATEST(@next - 1, COALESCE(pg_sequence_last_value(@sequence::regclass), 0))) + 1",
            ("sequence", sequence), ("next", next));

    /// <summary>Moves today's ticket counter to <paramref name="last"/>, unless it is past it; answers the last number given.</summary>
    public Task<int> MoveTicketCounterAsync(DateOnly day, int last) =>
        ScalarAsync<int>(
            """
            INSERT INTO ticket_day_counters (day, last_value) VALUES (@day, @last)
            ON CONFLICT (day) DO UPDATE SET last_value = GREATEST(ticket_day_counters.last_value, EXCLUDED.last_value)
            RETURNING last_value
            """,
            ("day", day), ("last", last));

    /// <summary>Writes rows the way an older version or an import would have, holding ids the counters will reach.</summary>
    public Task PlantAsync(string sql, params (string Name, object Value)[] parameters) => ScalarAsync<object?>(sql, parameters);

    private async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
