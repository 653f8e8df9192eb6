using System.Text.Json;
using CallCenter.ApiService.Data;
using Dapper;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// The settled quarter-hours in <c>stats_quarters</c>: a row per department and one for the whole center
/// (<see cref="Center"/>), each a tally as JSON.
/// </summary>
public sealed class QuarterStore(CallCenterDatabase database)
{
    /// <summary>The center's row: every stored quarter has one, so it also marks the quarter as stored.</summary>
    public const string Center = "*";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// One scope's tally (a department, or the center when null) of every quarter stored in <paramref name="range"/>;
    /// a department with nothing in a stored quarter has an empty tally.
    /// </summary>
    public Task<IReadOnlyDictionary<DateTime, KpiTally>> ReadAsync(StatsWindow range, string? department, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyDictionary<DateTime, KpiTally>>(async connection =>
        {
            var rows = await connection.QueryAsync<(DateTime Start, string? Tally)>(new CommandDefinition(
                """
                SELECT c.quarter_start, d.tally::text
                FROM stats_quarters c
                LEFT JOIN stats_quarters d ON d.quarter_start = c.quarter_start AND d.department = @scope
                WHERE c.department = '*' AND c.quarter_start >= @from AND c.quarter_start < @to
                """,
                new { from = range.Start, to = range.End, scope = department ?? Center },
                cancellationToken: cancellationToken));
            return rows.ToDictionary(row => row.Start, row => row.Tally is null ? new KpiTally() : TallyOf(row.Tally));
        }, cancellationToken);

    /// <summary>Every scope of the quarters stored in <paramref name="range"/> (a day at most: the live figures').</summary>
    public Task<IReadOnlyDictionary<DateTime, StoredQuarter>> ReadAllAsync(StatsWindow range, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyDictionary<DateTime, StoredQuarter>>(async connection =>
        {
            var rows = await connection.QueryAsync<(DateTime Start, string Department, string Tally)>(new CommandDefinition(
                "SELECT quarter_start, department, tally::text FROM stats_quarters WHERE quarter_start >= @from AND quarter_start < @to",
                new { from = range.Start, to = range.End },
                cancellationToken: cancellationToken));
            return rows.GroupBy(row => row.Start)
                .Where(quarter => quarter.Any(row => row.Department == Center))
                .ToDictionary(quarter => quarter.Key, quarter => new StoredQuarter(
                    quarter.Key,
                    TallyOf(quarter.Single(row => row.Department == Center).Tally),
                    quarter.Where(row => row.Department != Center).ToDictionary(row => row.Department, row => TallyOf(row.Tally), StringComparer.Ordinal)));
        }, cancellationToken);

    /// <summary>The quarters of <paramref name="range"/> (on the grid) not stored yet, oldest first.</summary>
    public Task<IReadOnlyList<DateTime>> MissingAsync(StatsWindow range, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<DateTime>>(async connection => [.. await connection.QueryAsync<DateTime>(new CommandDefinition(
            """
            SELECT quarter FROM generate_series(@from, @last, interval '15 minutes') AS quarter
            WHERE NOT EXISTS (SELECT 1 FROM stats_quarters WHERE quarter_start = quarter AND department = '*')
            ORDER BY quarter
            """,
            new { from = range.Start, last = range.End - QuarterHours.Length },
            cancellationToken: cancellationToken))], cancellationToken);

    /// <summary>Stores (or replaces) <paramref name="quarters"/>, and forgets <paramref name="unsettled"/> ones.</summary>
    public static Task WriteAsync(UnitOfWork work, IReadOnlyList<StoredQuarter> quarters, IReadOnlyList<DateTime> unsettled)
    {
        var rows = quarters.SelectMany(quarter => quarter.Departments.Append(new(Center, quarter.Center))
            .Select(scope => (quarter.Start, Department: scope.Key, Tally: JsonOf(scope.Value)))).ToList();
        return work.ExecuteAsync(
            """
            DELETE FROM stats_quarters WHERE quarter_start = ANY(@forget);
            INSERT INTO stats_quarters (quarter_start, department, tally)
            SELECT start, department, tally::jsonb FROM unnest(@starts, @departments, @tallies) AS quarter (start, department, tally);
            """,
            new
            {
                forget = unsettled.Concat(quarters.Select(quarter => quarter.Start)).ToArray(),
                starts = rows.Select(row => row.Start).ToArray(),
                departments = rows.Select(row => row.Department).ToArray(),
                tallies = rows.Select(row => row.Tally).ToArray(),
            });
    }

    /// <summary>A tally as stored: snake_case JSON, times in ticks so nothing is rounded.</summary>
    public static string JsonOf(KpiTally tally) => JsonSerializer.Serialize(tally, Json);

    public static KpiTally TallyOf(string json) =>
        JsonSerializer.Deserialize<KpiTally>(json, Json) ?? throw new JsonException("A stored tally is null.");
}
