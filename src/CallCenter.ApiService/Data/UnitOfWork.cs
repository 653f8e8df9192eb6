using Dapper;
using Npgsql;

namespace CallCenter.ApiService.Data;

/// <summary>
/// One operation's transaction, handed to the operation: the connection and transaction it writes through, and
/// the events it appended, which <see cref="CallCenterDatabase"/> hands on for numbering once the work commits.
/// </summary>
public sealed class UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
{
    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The newest outbox row this work appended; 0 when it appended none.</summary>
    public long LastPendingEvent { get; private set; }

    internal void Appended(long pendingId) => LastPendingEvent = Math.Max(LastPendingEvent, pendingId);

    public Task<int> ExecuteAsync(string sql, object? parameters = null) =>
        Connection.ExecuteAsync(Command(sql, parameters));

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters = null) =>
        Connection.ExecuteScalarAsync<T>(Command(sql, parameters));

    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        Connection.QueryAsync<T>(Command(sql, parameters));

    public Task<T> QuerySingleAsync<T>(string sql, object? parameters = null) =>
        Connection.QuerySingleAsync<T>(Command(sql, parameters));

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null) =>
        Connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters));

    private CommandDefinition Command(string sql, object? parameters) =>
        new(sql, parameters, Transaction, cancellationToken: CancellationToken);
}
