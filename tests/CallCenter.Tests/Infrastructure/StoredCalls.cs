using Npgsql;

namespace CallCenter.Tests.Infrastructure;

/// <summary>Reads the app's PostgreSQL directly, on a connection of its own: what is stored, whatever the API says.</summary>
internal static class StoredCalls
{
    public static async Task<long> CountAsync(CallCenterApp app, IReadOnlyCollection<string> callIds, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var connectionString = new NpgsqlConnectionStringBuilder(await app.GetConnectionStringAsync("callcenterdb")) { Pooling = false };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync(deadline.Token);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM calls WHERE call_id::text = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", callIds.ToArray());
        return (long)(await command.ExecuteScalarAsync(deadline.Token))!;
    }
}
