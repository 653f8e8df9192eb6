using System.Data;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Idempotency;
using CallCenter.ApiService.Requests;
using Npgsql;

namespace CallCenter.ApiService.Data;

/// <summary>Runs a unit of work in one transaction: the change and its outbox event commit together or not at all.</summary>
/// <remarks>
/// Events the work appended are numbered and published once the commit succeeds, never before (a rolled-back change
/// must not be announced); the operation answers once they are numbered, so its caller finds them in the stream. A
/// request that claimed an Idempotency-Key marks it committed in the same commit, so the key never says "not written"
/// of a write that stands.
/// </remarks>
public sealed class CallCenterDatabase(
    DatabaseCircuit circuit, EventSequencer sequencer, Distribution.DistributionSignal distribution, KeyClaims claims)
{
    /// <remarks>
    /// A statement that a migration made stale (<see cref="DatabaseFailures.IsStalePlan"/>) aborted the transaction
    /// before anything committed: the pool is refreshed and the work runs once more, so a rolling upgrade fails no write.
    /// </remarks>
    public async Task<T> InTransactionAsync<T>(Func<UnitOfWork, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await InOneTransactionAsync(operation, unprepared: false, cancellationToken);
        }
        catch (PostgresException stale) when (DatabaseFailures.IsStalePlan(stale))
        {
            circuit.Observe(stale);
            return await InOneTransactionAsync(operation, unprepared: true, cancellationToken);
        }
    }

    private async Task<T> InOneTransactionAsync<T>(Func<UnitOfWork, Task<T>> operation, bool unprepared, CancellationToken cancellationToken)
    {
        T result;
        bool appended;
        bool concernsDistribution;
        await using (var connection = await circuit.OpenConnectionAsync(cancellationToken))
        {
            if (unprepared)
            {
                StartUnprepared(connection);
            }

            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var work = new UnitOfWork(connection, transaction, cancellationToken);
            try
            {
                result = await operation(work);
            }
            catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception))
            {
                throw new InterruptedWriteException(mayHaveCommitted: false, exception);
            }

            appended = work.Events.Count > 0;
            var held = work.CommitStatements.Count > 0;
            concernsDistribution = work.Events.Any(pending => Distribution.OfferTrigger.ConcernsDistribution(pending.Type));
            var claim = claims.Current;
            if (claim is not null && !await claim.Held)
            {
                throw new KeyNotHeldException();
            }

            try
            {
                if (appended || held || claim is not null)
                {
                    await CommitInOneRoundTripAsync(work, claim);
                    claim?.Wrote();
                }
                else
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception))
            {
                throw new InterruptedWriteException(mayHaveCommitted: true, exception);
            }
            catch (PostgresException lost) when (lost.SqlState == IdempotencyStore.ClaimLostState)
            {
                throw ApiProblemException.Conflict(
                    $"{IdempotencyKeyHeader.Name}: this request ran past its lease and a retry with the same key took over; nothing was written by this one.");
            }
        }

        if (appended)
        {
            // A change that concerns distribution was committed: this replica's distributor looks at once, without
            // waiting for the event's number (a new call or a ticket change would only cost it a pass).
            if (concernsDistribution)
            {
                distribution.Wake();
            }

            await sequencer.NumberCommittedAsync();
        }

        return result;
    }

    /// <summary>
    /// The statements the work held back, its events, its Idempotency-Key's mark and its commit go to PostgreSQL in one
    /// round trip (a failed statement aborts the transaction, so the COMMIT at the end commits nothing).
    /// </summary>
    private static async Task CommitInOneRoundTripAsync(UnitOfWork work, KeyClaim? claim)
    {
        await using var batch = new NpgsqlBatch(work.Connection, work.Transaction);
        foreach (var held in work.CommitStatements)
        {
            batch.BatchCommands.Add(held);
        }

        foreach (var pending in work.Events)
        {
            batch.BatchCommands.Add(pending.ToInsert());
        }

        if (claim is not null)
        {
            batch.BatchCommands.Add(IdempotencyStore.MarkCommitted(claim));
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await batch.ExecuteNonQueryAsync(work.CancellationToken);
    }

    /// <summary>
    /// Runs a read on a connection it may share with other reads (<see cref="DatabaseCircuit.OpenReadConnectionAsync"/>);
    /// one that a migration made stale runs once more, on a connection of its own that dropped what it prepared.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await circuit.OpenReadConnectionAsync(cancellationToken);
            return await work(connection);
        }
        catch (PostgresException stale) when (DatabaseFailures.IsStalePlan(stale))
        {
            circuit.Observe(stale);
            await using var connection = await circuit.OpenConnectionAsync(cancellationToken);
            StartUnprepared(connection);
            return await work(connection);
        }
    }

    /// <summary>
    /// The retry's connection drops what it prepared: measured, a connection taken right after the pool was cleared
    /// could still hold the stale statement. Synchronous (Npgsql has no async form), and only ever after a schema change.
    /// </summary>
    private static void StartUnprepared(NpgsqlConnection connection) => connection.UnprepareAll();
}
