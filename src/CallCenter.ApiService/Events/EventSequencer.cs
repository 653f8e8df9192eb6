using System.Diagnostics;
using System.Threading.Channels;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Realtime;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;

namespace CallCenter.ApiService.Events;

/// <summary>
/// Numbers committed outbox rows into the event stream. Every replica runs one; a PostgreSQL advisory lock lets
/// one at a time move every pending row it can see into <c>events</c> with the next contiguous ids, in one
/// transaction, then publish them. A write waits until its rows are numbered, by this replica or another, so a
/// client that was answered finds its event in the stream. Writers never wait on each other's commits: only the
/// move, one short transaction for however many rows are pending, is serial. Pushes of the floor's figures are
/// numbered but not audited: they change nothing.
/// </summary>
public sealed class EventSequencer(
    DatabaseCircuit circuit,
    EventStore store,
    EventBus bus,
    IOptions<RealtimeOptions> options,
    ILogger<EventSequencer> logger) : BackgroundService
{
    // An arbitrary constant shared by every replica: "Sequence" in ASCII.
    private const long SequencerLockKey = 0x53657175656e6365;
    private const int MoveBatch = 1000;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    private const string MoveSql = """
        WITH moved AS (
            DELETE FROM pending_events
            WHERE pending_id = ANY (ARRAY(SELECT pending_id FROM pending_events ORDER BY pending_id LIMIT $1))
            RETURNING *),
        numbered AS (
            SELECT moved.*, counter.last_id + row_number() OVER (ORDER BY moved.pending_id) AS event_id
            FROM moved, event_counter AS counter),
        stored AS (
            INSERT INTO events (event_id, type, data, occurred_at, trace_parent)
            SELECT event_id, type, data, occurred_at, trace_parent FROM numbered),
        audited AS (
            INSERT INTO audit_log (at, actor, actor_role, key_id, action, subject, event_id)
            SELECT occurred_at, actor, actor_role, key_id, type, subject, event_id FROM numbered WHERE type <> $2 ORDER BY event_id),
        counted AS (
            UPDATE event_counter SET last_id = last_id + (SELECT count(*) FROM moved),
                                     last_ticket_event = coalesce((SELECT max(event_id) FROM numbered WHERE type LIKE 'ticket:%'), last_ticket_event)
            WHERE EXISTS (SELECT 1 FROM moved))
        SELECT event_id, type, data::text AS data, occurred_at, trace_parent FROM numbered ORDER BY event_id
        """;

    // A null is the idle sweep: rows a replica committed but could not see numbered before it died.
    private readonly Channel<TaskCompletionSource?> _requests = Channel.CreateUnbounded<TaskCompletionSource?>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly OutageLog _outage = new(logger, "Numbering events");

    /// <summary>
    /// Waits until rows committed before this call are numbered. If numbering fails (PostgreSQL went away after the
    /// commit) the write still stands, its event durable in the outbox: the sweep numbers it once it can.
    /// </summary>
    public async Task NumberCommittedAsync()
    {
        var numbered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Writer.TryWrite(numbered);
        try
        {
            await numbered.Task.WaitAsync(options.Value.NumberingTimeout);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("An event committed {Timeout} ago is not numbered yet; the sweep will number it", options.Value.NumberingTimeout);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = SweepAsync(stoppingToken);
        var waiting = new List<TaskCompletionSource>();
        while (await _requests.Reader.WaitToReadAsync(stoppingToken))
        {
            var sweep = false;
            while (_requests.Reader.TryRead(out var request))
            {
                if (request is null)
                {
                    sweep = true;
                }
                else
                {
                    waiting.Add(request);
                }
            }

            try
            {
                if (waiting.Count > 0 || (sweep && await AnyPendingAsync(stoppingToken)))
                {
                    await MoveAsync(stoppingToken);
                }

                _outage.Succeeded();
            }
            catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception) && !stoppingToken.IsCancellationRequested)
            {
                _outage.Failed(exception);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Numbering events failed; the next sweep tries again");
            }

            // Answered either way: a write that committed stands even when its numbering has to wait for the sweep.
            foreach (var numbered in waiting)
            {
                numbered.TrySetResult();
            }

            waiting.Clear();
        }
    }

    /// <summary>Looks for rows nobody numbered, and once an hour drops events past the retention window.</summary>
    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        var lastPrune = DateTime.UtcNow;
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            _requests.Writer.TryWrite(null);
            if (DateTime.UtcNow - lastPrune > PruneEvery)
            {
                lastPrune = DateTime.UtcNow;
                await PruneAsync(cancellationToken);
            }
        }
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pruned = await store.PruneAsync(options.Value.Retention, cancellationToken);
            logger.LogInformation("Pruned {Count} events older than {Retention}", pruned, options.Value.Retention);
        }
        catch (Exception exception) when (exception is NpgsqlException || DatabaseFailures.IsUnavailable(exception))
        {
            logger.LogWarning(exception, "Pruning old events failed");
        }
    }

    /// <summary>The sweep's look, kept out of the traces: it says nothing unless it finds work.</summary>
    private async Task<bool> AnyPendingAsync(CancellationToken cancellationToken)
    {
        using var quiet = SuppressInstrumentationScope.Begin();
        await using var connection = await circuit.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM pending_events)", cancellationToken: cancellationToken));
    }

    private async Task MoveAsync(CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var numbered = new List<LiveEvent>();
        // A move that found nothing (another replica's move took the rows) is not worth a trace; one that did is
        // reported below, linked to the requests whose events it numbered.
        using (SuppressInstrumentationScope.Begin())
        {
            await using var connection = await circuit.OpenConnectionAsync(cancellationToken);
            int moved;
            do
            {
                moved = await MoveBatchAsync(connection, numbered, cancellationToken);
            }
            while (moved == MoveBatch);
        }

        if (numbered.Count == 0)
        {
            return;
        }

        // Reported in the trace of the first traced request whose event it numbered, linked to the others': a move whose
        // requests were all left out of the traces is left out too, rather than start a trace that points at nothing.
        var causes = TracedCauses(numbered);
        if (causes.Count > 0)
        {
            using var activity = RealtimeMetrics.ActivitySource.StartActivity(
                ActivityKind.Internal, parentContext: causes[0], name: "number events",
                links: causes.Skip(1).Select(cause => new ActivityLink(cause)), startTime: started);
            activity?.SetTag("callcenter.events.numbered", numbered.Count);
            activity?.SetTag("callcenter.event.id", numbered[^1].Id);
        }

        bus.PublishCommitted(numbered);
    }

    /// <summary>
    /// One round trip: the transaction, the sequencer's lock, the move and the commit go to PostgreSQL as one batch
    /// (a failed move aborts the transaction, so the commit at its end commits nothing).
    /// </summary>
    private static async Task<int> MoveBatchAsync(NpgsqlConnection connection, List<LiveEvent> numbered, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("BEGIN"),
                // The outbox is a queue: its heap keeps the space of every row deleted since the last vacuum
                // (megabytes under load, and the table seldom shrinks back), while the statistics the cached plan was
                // made with may say it is empty. Read through the key's index, a move costs the rows it takes; a
                // scan of the heap costs every page the table ever grew to, every move (at 18 MB: 22 ms the first
                // time, about 1 ms once PostgreSQL pruned the pages). Ruling out the scan multiplies the plan's
                // estimated cost, which would make PostgreSQL compile the move with LLVM every time (300 ms): no JIT.
                new NpgsqlBatchCommand("SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"),
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new() { Value = SequencerLockKey } } },
                new NpgsqlBatchCommand(MoveSql) { Parameters = { new() { Value = MoveBatch }, new() { Value = EventTypes.StatsUpdated } } },
                new NpgsqlBatchCommand("COMMIT"),
            },
        };
        var moved = 0;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            do
            {
                if (reader.FieldCount == 0 || reader.GetName(0) != "event_id")
                {
                    continue;
                }

                while (await reader.ReadAsync(cancellationToken))
                {
                    numbered.Add(LiveEvent.FromStored(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetDateTime(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4)));
                    moved++;
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        catch (NpgsqlException exception)
        {
            // Ends the aborted transaction before the connection goes back to the pool; nothing was moved. A
            // connection that broke has no transaction left to end.
            numbered.RemoveRange(numbered.Count - moved, moved);
            if (!DatabaseFailures.IsUnavailable(exception))
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                await rollback.ExecuteNonQueryAsync(CancellationToken.None);
            }

            throw;
        }

        return moved;
    }

    /// <summary>The requests behind the events whose traces were recorded, in order (at most 32).</summary>
    internal static List<ActivityContext> TracedCauses(IEnumerable<LiveEvent> events) =>
        [.. events
            .Select(liveEvent => liveEvent.Cause)
            .Where(cause => cause != default && cause.TraceFlags.HasFlag(ActivityTraceFlags.Recorded))
            .Take(32)];
}
