using System.Text.Json;
using CallCenter.ApiService.Data;
using Dapper;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CallCenter.ApiService.Sla;

/// <summary>The stored calendars and policies, read and written as JSON in the API's own shape.</summary>
/// <remarks>
/// A page of tickets needs every policy and calendar; parsing them for each page was a third of a ticket list's CPU
/// (bench/README.md, throughput). The parsed catalog is kept with the version PostgreSQL gives every change to it
/// (migration 0016), and reused while a read finds that version: stale only for as long as a statement's snapshot is.
/// </remarks>
public sealed class SlaCatalog(IOptions<JsonOptions> jsonOptions)
{
    private readonly JsonSerializerOptions _json = jsonOptions.Value.SerializerOptions;
    private Parsed? _parsed;

    /// <summary>The policies and calendars as read at a catalog version.</summary>
    private sealed record Parsed(long Version, IReadOnlyList<SlaPolicy> Policies, IReadOnlyDictionary<string, CalendarDefinition> Calendars);

    public async Task<IReadOnlyList<CalendarDefinition>> CalendarsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction = null) =>
        [.. (await connection.QueryAsync<CalendarRow>("SELECT * FROM business_calendars ORDER BY calendar_id", transaction: transaction))
            .Select(ToDefinition)];

    public async Task<CalendarDefinition?> CalendarAsync(NpgsqlConnection connection, string calendarId, NpgsqlTransaction? transaction = null) =>
        await connection.QuerySingleOrDefaultAsync<CalendarRow>(
            "SELECT * FROM business_calendars WHERE calendar_id = @calendarId", new { calendarId }, transaction) is { } row
            ? ToDefinition(row)
            : null;

    public async Task<IReadOnlyList<SlaPolicy>> PoliciesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction = null) =>
        [.. (await connection.QueryAsync<PolicyRow>("SELECT * FROM sla_policies ORDER BY position", transaction: transaction))
            .Select(ToPolicy)];

    /// <summary>
    /// Every policy and calendar, and the targets of <paramref name="ticketIds"/>: the catalog's version and the targets
    /// in one round trip (a row for the version even when no ticket has a target), the catalog itself in another only
    /// when it changed.
    /// </summary>
    public async Task<SlaSnapshot> SnapshotAsync(NpgsqlConnection connection, IReadOnlyList<string> ticketIds, NpgsqlTransaction? transaction = null)
    {
        var rows = (await connection.QueryAsync<long, string?, SlaTarget?, (long Version, string? TicketId, SlaTarget? Target)>(
            TicketSlaStore.TargetsAtCatalogVersionSql,
            (version, ticketId, target) => (version, ticketId, target),
            new { ticketIds = ticketIds.ToArray() },
            transaction,
            splitOn: "ticket_id,kind")).AsList();
        var catalog = await CatalogAtAsync(connection, transaction, rows[0].Version);
        return new SlaSnapshot(
            catalog.Policies, catalog.Calendars, rows.Where(row => row.Target is not null).ToLookup(row => row.TicketId!, row => row.Target!));
    }

    /// <summary>
    /// One ticket's part of a snapshot (<c>@ticketId</c>): the catalog's version, then its targets. Two plain statements
    /// for a caller to send in a round trip of its own (<see cref="ReadTicketTargetsAsync"/>); unlike the page's join, their
    /// prepared plans are reused, where the join was planned again on every change (0.2 ms of PostgreSQL's CPU each).
    /// </summary>
    public const string TicketTargetsSql =
        "SELECT version FROM sla_catalog_version; SELECT * FROM ticket_sla_targets WHERE ticket_id = @ticketId;";

    /// <summary>Reads <see cref="TicketTargetsSql"/>'s two results from <paramref name="read"/>.</summary>
    public static async Task<SlaTargetsRead> ReadTicketTargetsAsync(SqlMapper.GridReader read) =>
        new(await read.ReadSingleAsync<long>(), [.. await read.ReadAsync<SlaTarget>()]);

    /// <summary>The snapshot for one ticket whose targets the caller read (<see cref="ReadTicketTargetsAsync"/>).</summary>
    public async Task<SlaSnapshot> SnapshotAsync(NpgsqlConnection connection, string ticketId, SlaTargetsRead read, NpgsqlTransaction? transaction = null)
    {
        var catalog = await CatalogAtAsync(connection, transaction, read.CatalogVersion);
        return new SlaSnapshot(catalog.Policies, catalog.Calendars, read.Targets.ToLookup(_ => ticketId));
    }

    private const string VersionSql = "SELECT version FROM sla_catalog_version";

    /// <remarks>
    /// Within a transaction that changed the catalog the version is that transaction's own: should it roll back, its
    /// number is never given to another state (a sequence), so what it parsed is never taken for the stored catalog.
    /// </remarks>
    private async Task<Parsed> CatalogAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        await CatalogAtAsync(connection, transaction, await connection.ExecuteScalarAsync<long>(VersionSql, transaction: transaction));

    private async Task<Parsed> CatalogAtAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long version)
    {
        if (Volatile.Read(ref _parsed) is { } known && known.Version == version)
        {
            return known;
        }

        using var read = await connection.QueryMultipleAsync(
            "SELECT * FROM sla_policies ORDER BY position; SELECT * FROM business_calendars;", transaction: transaction);
        List<SlaPolicy> policies = [.. (await read.ReadAsync<PolicyRow>()).Select(ToPolicy)];
        var calendars = (await read.ReadAsync<CalendarRow>()).Select(ToDefinition).ToDictionary(calendar => calendar.CalendarId);
        // Read after the version, so never older than it: at worst a later change is labelled with an earlier number,
        // which the next read does not find again, and it reads the catalog anew.
        var parsed = new Parsed(version, policies, calendars);
        Volatile.Write(ref _parsed, parsed);
        return parsed;
    }

    /// <summary>
    /// A new version for a change in how the catalog applies to tickets (a recompute moves targets without a ticket
    /// event), so a ticket page kept at the old version is read again (<see cref="Tickets.TicketMark"/>).
    /// </summary>
    public static Task NewVersionAsync(UnitOfWork work) =>
        work.ExecuteAsync("UPDATE sla_catalog_version SET version = nextval('sla_catalog_versions')");

    /// <summary>The policy a ticket follows now and its calendar, or null when no policy applies.</summary>
    public async Task<SlaPlan?> PlanAsync(UnitOfWork work, string department, string priority, string? customerId)
    {
        var catalog = await CatalogAsync(work.Connection, work.Transaction);
        var policy = SlaPolicy.Match(catalog.Policies, department, priority, customerId);
        return policy is not null && catalog.Calendars.TryGetValue(policy.CalendarId, out var calendar)
            ? new SlaPlan(policy, calendar.ToCalendar())
            : null;
    }

    public Task SaveCalendarAsync(UnitOfWork work, CalendarDefinition calendar) => work.ExecuteAsync(
        """
        INSERT INTO business_calendars (calendar_id, name, time_zone, hours, holidays, updated_at)
        VALUES (@CalendarId, @Name, @TimeZone, @Hours::jsonb, @Holidays::jsonb, @UpdatedAt)
        ON CONFLICT (calendar_id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone, hours = excluded.hours,
                                                holidays = excluded.holidays, updated_at = excluded.updated_at
        """,
        new
        {
            calendar.CalendarId,
            calendar.Name,
            calendar.TimeZone,
            Hours = JsonSerializer.Serialize(calendar.Hours, _json),
            Holidays = JsonSerializer.Serialize(calendar.Holidays, _json),
            calendar.UpdatedAt,
        });

    public Task SavePolicyAsync(UnitOfWork work, SlaPolicy policy) => work.ExecuteAsync(
        """
        INSERT INTO sla_policies (policy_id, name, position, conditions, calendar_id, warning_minutes, targets, escalation, updated_at)
        VALUES (@PolicyId, @Name, @Position, @Conditions::jsonb, @CalendarId, @WarningMinutes, @Targets::jsonb, @Escalation::jsonb, @UpdatedAt)
        ON CONFLICT (policy_id) DO UPDATE SET name = excluded.name, position = excluded.position, conditions = excluded.conditions,
                                              calendar_id = excluded.calendar_id, warning_minutes = excluded.warning_minutes,
                                              targets = excluded.targets, escalation = excluded.escalation, updated_at = excluded.updated_at
        """,
        new
        {
            policy.PolicyId,
            policy.Name,
            policy.Position,
            Conditions = JsonSerializer.Serialize(policy.Conditions, _json),
            policy.CalendarId,
            policy.WarningMinutes,
            Targets = JsonSerializer.Serialize(policy.Targets, _json),
            Escalation = JsonSerializer.Serialize(policy.Escalation, _json),
            policy.UpdatedAt,
        });

    private CalendarDefinition ToDefinition(CalendarRow row) => new()
    {
        CalendarId = row.CalendarId,
        Name = row.Name,
        TimeZone = row.TimeZone,
        Hours = JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<OpeningSpan>>>(row.Hours, _json)!,
        Holidays = JsonSerializer.Deserialize<List<Holiday>>(row.Holidays, _json)!,
        UpdatedAt = row.UpdatedAt,
    };

    private SlaPolicy ToPolicy(PolicyRow row) => new()
    {
        PolicyId = row.PolicyId,
        Name = row.Name,
        Position = row.Position,
        Conditions = JsonSerializer.Deserialize<SlaConditions>(row.Conditions, _json)!,
        CalendarId = row.CalendarId,
        WarningMinutes = row.WarningMinutes,
        Targets = JsonSerializer.Deserialize<Dictionary<string, IReadOnlyDictionary<string, SlaTerms>>>(row.Targets, _json)!,
        Escalation = JsonSerializer.Deserialize<SlaEscalation>(row.Escalation, _json)!,
        UpdatedAt = row.UpdatedAt,
    };

    private sealed class CalendarRow
    {
        public string CalendarId { get; init; } = "";

        public string Name { get; init; } = "";

        public string TimeZone { get; init; } = "";

        public string Hours { get; init; } = "{}";

        public string Holidays { get; init; } = "[]";

        public DateTime UpdatedAt { get; init; }
    }

    private sealed class PolicyRow
    {
        public string PolicyId { get; init; } = "";

        public string Name { get; init; } = "";

        public int Position { get; init; }

        public string Conditions { get; init; } = "{}";

        public string CalendarId { get; init; } = "";

        public int WarningMinutes { get; init; }

        public string Targets { get; init; } = "{}";

        public string Escalation { get; init; } = "{}";

        public DateTime UpdatedAt { get; init; }
    }
}
