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
    public async Task<T> InTransactionAsync<T>(Func<UnitOfWork, Task<T>> operation, CancellationToken cancellationToken)
    {
        T result;
        bool appended;
        bool concernsDistribution;
        await using (var connection = await circuit.OpenConnectionAsync(cancellationToken))
        {
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
            concernsDistribution = work.Events.Any(pending => Distribution.OfferTrigger.ConcernsDistribution(pending.Type));
            var claim = claims.Current;
            if (claim is not null && !await claim.Held)
            {
                throw new KeyNotHeldException();
            }

            try
            {
                if (appended || claim is not null)
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

    /// <summary>The work's events, its Idempotency-Key's mark and its commit go to PostgreSQL in one round trip.</summary>
    private static async Task CommitInOneRoundTripAsync(UnitOfWork work, KeyClaim? claim)
    {
        await using var batch = new NpgsqlBatch(work.Connection, work.Transaction);
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

    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await circuit.OpenConnectionAsync(cancellationToken);
        return await work(connection);
    }
}
