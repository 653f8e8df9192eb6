using CallCenter.ApiService.Data;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using OpenTelemetry;

namespace CallCenter.ApiService.Idempotency;

/// <summary>
/// The <c>idempotency_keys</c> table: claims, their answers, and their expiry. Each call is one statement on a pooled
/// connection; the write's own mark goes in the write's commit batch (<see cref="MarkCommitted"/>).
/// </summary>
public sealed class IdempotencyStore(DatabaseCircuit circuit, IOptions<IdempotencyOptions> options)
{
    /// <summary>The SQLSTATE <c>idempotency_mark_committed</c> raises when a retry took the claim over.</summary>
    public const string ClaimLostState = "CCI01";

    /// <summary>
    /// The key's own statements commit without waiting for the disk (<c>synchronous_commit</c> off, for their
    /// transaction only). Safe: a write that stands was committed durably after its claim, and that flushes the claim
    /// with it; a PostgreSQL crash can only forget a claim nothing was written under (the retry runs), or a stored
    /// answer (the key is back to committed: a retry gets 409 written, never a second run).
    /// </summary>
    private const string WithoutWaitingForDisk = "(SELECT set_config('synchronous_commit', 'off', true)) AS without_waiting_for_disk";

    // Inserts the claim, or takes over a row that counts as absent: expired, or an in-progress claim of the same
    // request whose lease ran out (its write never committed: see KeyDecision). The row lock makes the takeover wait
    // for a write that is committing right now, and then see it committed.
    private const string ClaimSql = $"""
        INSERT INTO idempotency_keys AS k (scope, idempotency_key, fingerprint, token, state, created_at, claimed_at)
        SELECT @Scope, @Key, @Fingerprint, @Token, 'in_progress', now(), now() FROM {WithoutWaitingForDisk}
        ON CONFLICT (scope, idempotency_key) DO UPDATE
        SET fingerprint = EXCLUDED.fingerprint, token = EXCLUDED.token, state = 'in_progress',
            created_at = now(), claimed_at = now(), status = NULL, content_type = NULL, body = NULL
        WHERE k.created_at < now() - @Retention
           OR (k.state = 'in_progress' AND k.claimed_at < now() - @Lease AND k.fingerprint = EXCLUDED.fingerprint)
        RETURNING k.xmax::text <> '0' AS taken_over
        """;

    private const string FindSql = """
        SELECT fingerprint, state, claimed_at >= now() - @Lease AS leased, status, content_type, body
        FROM idempotency_keys
        WHERE scope = @Scope AND idempotency_key = @Key AND created_at >= now() - @Retention
        """;

    /// <summary>Claims the key for this request: null when another request holds it, else whether a lapsed claim was taken over.</summary>
    public Task<bool?> TryClaimAsync(KeyClaim claim, byte[] fingerprint, CancellationToken cancellationToken) =>
        RunAsync(connection => connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(ClaimSql, new
        {
            claim.Scope, claim.Key, Fingerprint = fingerprint, claim.Token, options.Value.Retention, options.Value.Lease,
        }, cancellationToken: cancellationToken)), cancellationToken);

    public async Task<StoredKey?> FindAsync(string scope, string key, CancellationToken cancellationToken)
    {
        var row = await RunAsync(connection => connection.QuerySingleOrDefaultAsync<StoredRow>(new CommandDefinition(FindSql, new
        {
            Scope = scope, Key = key, options.Value.Retention, options.Value.Lease,
        }, cancellationToken: cancellationToken)), cancellationToken);
        return row is null ? null : new StoredKey(row.Fingerprint, StoredKey.ParseState(row.State), row.Leased, row.Status, row.ContentType, row.Body);
    }

    /// <summary>Stores the answer; a claim that was taken over in the meantime stores nothing.</summary>
    public Task CompleteAsync(KeyClaim claim, int status, string? contentType, byte[] body, CancellationToken cancellationToken) =>
        RunAsync(connection => connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE idempotency_keys SET state = 'completed', status = @status, content_type = @contentType, body = @body
            FROM {WithoutWaitingForDisk}
            WHERE scope = @Scope AND idempotency_key = @Key AND token = @Token AND state <> 'completed'
            """, new { claim.Scope, claim.Key, claim.Token, status, contentType, body }, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>
    /// Frees the key after an answer that is not kept (a 5xx), so a retry runs, but only if nothing was committed
    /// under it: after a commit whose outcome the request could not learn, the row says committed and stays.
    /// </summary>
    public Task ReleaseAsync(KeyClaim claim, CancellationToken cancellationToken) =>
        RunAsync(connection => connection.ExecuteAsync(new CommandDefinition($"""
            DELETE FROM idempotency_keys USING {WithoutWaitingForDisk}
            WHERE scope = @Scope AND idempotency_key = @Key AND token = @Token AND state = 'in_progress'
            """, new { claim.Scope, claim.Key, claim.Token }, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Deletes expired keys; the look is kept out of the traces (it runs hourly and rarely finds much).</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        using var quiet = SuppressInstrumentationScope.Begin();
        return await RunAsync(connection => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM idempotency_keys WHERE created_at < now() - @Retention",
            new { options.Value.Retention }, cancellationToken: cancellationToken)), cancellationToken);
    }

    /// <summary>The mark a write's transaction carries just before its COMMIT: the key's write is committed with it.</summary>
    public static NpgsqlBatchCommand MarkCommitted(KeyClaim claim) => new("SELECT idempotency_mark_committed($1, $2, $3)")
    {
        Parameters =
        {
            new() { Value = claim.Scope, NpgsqlDbType = NpgsqlDbType.Text },
            new() { Value = claim.Key, NpgsqlDbType = NpgsqlDbType.Text },
            new() { Value = claim.Token, NpgsqlDbType = NpgsqlDbType.Uuid },
        },
    };

    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await circuit.OpenConnectionAsync(cancellationToken);
        return await work(connection);
    }

    private sealed class StoredRow
    {
        public byte[] Fingerprint { get; init; } = [];

        public string State { get; init; } = "";

        public bool Leased { get; init; }

        public int? Status { get; init; }

        public string? ContentType { get; init; }

        public byte[]? Body { get; init; }
    }
}
