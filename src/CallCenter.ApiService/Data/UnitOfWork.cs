using CallCenter.ApiService.Events;
using Dapper;
using Npgsql;

namespace CallCenter.ApiService.Data;

/// <summary>
/// One operation's transaction, handed to the operation: the connection and transaction it writes through, and
/// the events it appended, which <see cref="CallCenterDatabase"/> writes with the commit and hands on for numbering.
/// </summary>
public sealed class UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
{
    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    private readonly List<PendingEvent> _events = [];
    private readonly List<NpgsqlBatchCommand> _atCommit = [];

    /// <summary>The events this work appended, in order; they are written with its commit.</summary>
    public IReadOnlyList<PendingEvent> Events => _events;

    /// <summary>The statements <see cref="AtCommit"/> held back, in order.</summary>
    public IReadOnlyList<NpgsqlBatchCommand> CommitStatements => _atCommit;

    internal void Append(PendingEvent pending) => _events.Add(pending);

    /// <summary>
    /// A write whose answer the operation does not need and that no later statement of the work reads, sent with the
    /// commit in its one round trip instead of one of its own. A failure there rolls the whole work back and throws
    /// from the commit.
    /// </summary>
    public void AtCommit(NpgsqlBatchCommand command) => _atCommit.Add(command);

    /// <summary>Several writes in one round trip now, in order.</summary>
    public async Task ExecuteBatchAsync(IReadOnlyList<NpgsqlBatchCommand> commands)
    {
        if (commands.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(Connection, Transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(CancellationToken);
    }

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

    /// <summary>Several statements in one round trip; read each result in order before the next command.</summary>
    public Task<SqlMapper.GridReader> QueryMultipleAsync(string sql, object? parameters = null) =>
        Connection.QueryMultipleAsync(Command(sql, parameters));

    private CommandDefinition Command(string sql, object? parameters) =>
        new(sql, parameters, Transaction, cancellationToken: CancellationToken);
}
