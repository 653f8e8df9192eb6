using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Requests;
using Dapper;
using Npgsql;

namespace CallCenter.ApiService.Security;

public sealed record AuditEntry
{
    public long EntryId { get; init; }

    public DateTime At { get; init; }

    public string Actor { get; init; } = "";

    public string ActorRole { get; init; } = "";

    public string? KeyId { get; init; }

    /// <summary>An event type (<c>call:updated</c>…) or a key operation (<c>key:created</c>, <c>key:revoked</c>).</summary>
    public string Action { get; init; } = "";

    /// <summary>The call, ticket, agent or key the change was made to.</summary>
    public string? Subject { get; init; }

    /// <summary>The live event the change raised, if any: its data is the change.</summary>
    public long? EventId { get; init; }
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int Limit, int Offset, bool TotalIsExact);

public sealed class AuditRequest : IApiRequest
{
    [StringLength(200)]
    public string? Actor { get; init; }

    [StringLength(64)]
    public string? Action { get; init; }

    [StringLength(64)]
    public string? Subject { get; init; }

    public DateTime? Since { get; init; }

    public DateTime? Until { get; init; }

    [Range(1, Data.Paging.MaxLimit)]
    public int? Limit { get; init; }

    [Range(0, int.MaxValue)]
    public int? Offset { get; init; }

    public static ValueTask<AuditRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<AuditRequest>(context);
}

/// <summary>Who changed what: one entry per mutation, written in the mutation's own transaction.</summary>
public sealed class AuditTrail(CallCenterDatabase database, FloorCallers callers, TimeProvider clock)
{
    /// <summary>Records a change made by the caller, or by <paramref name="actor"/> (a person signing in, say).</summary>
    public async Task RecordAsync(
        UnitOfWork work, string action, string? subject, FloorCaller? actor = null)
    {
        var caller = actor ?? callers.Current;
        await work.ExecuteAsync(
            """
            INSERT INTO audit_log (at, actor, actor_role, key_id, action, subject)
            VALUES (@at, @Name, @Role, @KeyId, @action, @subject)
            """,
            new { at = clock.UtcNow(), caller.Name, caller.Role, caller.KeyId, action, subject });
    }

    public Task<Page<AuditEntry>> ListAsync(AuditRequest request, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QueryPageAsync<AuditEntry>(
            "audit_log",
            """
            WHERE (@Actor::text IS NULL OR actor = @Actor)
              AND (@Action::text IS NULL OR action = @Action)
              AND (@Subject::text IS NULL OR subject = @Subject)
              AND (@Since::timestamptz IS NULL OR at >= @Since)
              AND (@Until::timestamptz IS NULL OR at < @Until)
            """,
            "at DESC, entry_id DESC",
            new { request.Actor, request.Action, request.Subject, request.Since, request.Until },
            PagedQuery.ToPaging(request.Limit, request.Offset)), cancellationToken);
}
