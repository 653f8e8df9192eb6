using System.Data;
using CallCenter.ApiService.Realtime;
using Npgsql;

namespace CallCenter.ApiService.Data;

/// <summary>Runs a unit of work in one transaction: the change and its outbox event commit together or not at all.</summary>
/// <remarks>
/// Events written by <see cref="Events.EventOutbox"/> inside the work are published once the commit succeeds,
/// never before (a rolled-back change must not be announced).
/// </remarks>
public sealed class CallCenterDatabase(NpgsqlDataSource dataSource, EventBus bus)
{
    private static readonly AsyncLocal<List<LiveEvent>?> CommittingEvents = new();

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var events = new List<LiveEvent>();
        T result;
        CommittingEvents.Value = events;
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            CommittingEvents.Value = null;
        }

        bus.PublishCommitted(events);
        return result;
    }

    /// <summary>Called by the outbox: the event is published when the surrounding transaction commits.</summary>
    internal static void PublishOnCommit(LiveEvent liveEvent) =>
        (CommittingEvents.Value ?? throw new InvalidOperationException("Events are written inside InTransactionAsync.")).Add(liveEvent);

    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        return await work(connection);
    }
}
