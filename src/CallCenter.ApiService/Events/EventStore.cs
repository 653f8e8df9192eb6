using CallCenter.ApiService.Data;
using CallCenter.ApiService.Realtime;
using Dapper;

namespace CallCenter.ApiService.Events;

/// <summary>
/// The numbered event stream read back: PostgreSQL is the record every socket and replica catches up from. Its reads
/// share connections with the others (<see cref="DatabaseCircuit.OpenReadConnectionAsync"/>).
/// </summary>
public sealed class EventStore(DatabaseCircuit circuit)
{
    private sealed record StoredEvent(long EventId, string Type, string Data, DateTime OccurredAt, string? TraceParent);

    public async Task<IReadOnlyList<LiveEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await circuit.OpenReadConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredEvent>(new CommandDefinition(
            "SELECT event_id, type, data::text AS data, occurred_at, trace_parent FROM events WHERE event_id > @afterId ORDER BY event_id LIMIT @limit",
            new { afterId, limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => LiveEvent.FromStored(row.EventId, row.Type, row.Data, row.OccurredAt, row.TraceParent))];
    }

    /// <summary>The newest id handed out (committed), and the oldest id still kept.</summary>
    public async Task<(long Last, long Oldest)> BoundsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await circuit.OpenReadConnectionAsync(cancellationToken);
        var bounds = await connection.QuerySingleAsync<(long, long?)>(new CommandDefinition(
            "SELECT (SELECT last_id FROM event_counter), (SELECT min(event_id) FROM events)", cancellationToken: cancellationToken));
        return (bounds.Item1, bounds.Item2 ?? bounds.Item1 + 1);
    }

    /// <summary>Drops events older than the retention window; the newest is always kept.</summary>
    public async Task<int> PruneAsync(TimeSpan retention, CancellationToken cancellationToken)
    {
        await using var connection = await circuit.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM events WHERE occurred_at < now() - @retention AND event_id < (SELECT last_id FROM event_counter)",
            new { retention }, cancellationToken: cancellationToken));
    }
}
