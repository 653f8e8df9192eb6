using System.Text.Json;
using CallCenter.ApiService.Data;
using Dapper;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CallCenter.ApiService.Sla;

/// <summary>The stored calendars and policies, read and written as JSON in the API's own shape.</summary>
public sealed class SlaCatalog(IOptions<JsonOptions> jsonOptions)
{
    private readonly JsonSerializerOptions _json = jsonOptions.Value.SerializerOptions;

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

    /// <summary>Every policy and calendar in one round trip, and the targets of <paramref name="ticketIds"/> in another.</summary>
    public async Task<SlaSnapshot> SnapshotAsync(NpgsqlConnection connection, IReadOnlyList<string> ticketIds, NpgsqlTransaction? transaction = null)
    {
        List<SlaPolicy> policies;
        Dictionary<string, CalendarDefinition> calendars;
        using (var read = await connection.QueryMultipleAsync(
            "SELECT * FROM sla_policies ORDER BY position; SELECT * FROM business_calendars;", transaction: transaction))
        {
            policies = [.. (await read.ReadAsync<PolicyRow>()).Select(ToPolicy)];
            calendars = (await read.ReadAsync<CalendarRow>()).Select(ToDefinition).ToDictionary(calendar => calendar.CalendarId);
        }

        return new SlaSnapshot(policies, calendars, await TicketSlaStore.TargetsAsync(connection, ticketIds, transaction));
    }

    /// <summary>The policy a ticket follows now and its calendar, or null when no policy applies.</summary>
    public async Task<SlaPlan?> PlanAsync(UnitOfWork work, string department, string priority, string? customerId)
    {
        var policy = SlaPolicy.Match(await PoliciesAsync(work.Connection, work.Transaction), department, priority, customerId);
        return policy is null ? null : await PlanAsync(work, policy);
    }

    public async Task<SlaPlan?> PlanAsync(UnitOfWork work, SlaPolicy policy) =>
        await CalendarAsync(work.Connection, policy.CalendarId, work.Transaction) is { } calendar
            ? new SlaPlan(policy, calendar.ToCalendar())
            : null;

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
