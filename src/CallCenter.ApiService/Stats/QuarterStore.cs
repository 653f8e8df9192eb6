using System.Text.Json;
using CallCenter.ApiService.Data;
using Dapper;

namespace CallCenter.ApiService.Stats;

/// <summary>The settled quarter-hours in <c>stats_quarters</c>: each a JSON object of department tallies.</summary>
public sealed class QuarterStore(CallCenterDatabase database)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The stored quarters starting in <paramref name="range"/>, by start.</summary>
    public Task<IReadOnlyDictionary<DateTime, StoredQuarter>> ReadAsync(StatsWindow range, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyDictionary<DateTime, StoredQuarter>>(async connection =>
        {
            var rows = await connection.QueryAsync<(DateTime Start, string Tallies)>(new CommandDefinition(
                "SELECT quarter_start, tallies::text FROM stats_quarters WHERE quarter_start >= @from AND quarter_start < @to",
                new { from = range.Start, to = range.End },
                cancellationToken: cancellationToken));
            return rows.ToDictionary(
                row => row.Start,
                row => new StoredQuarter(row.Start, TalliesOf(row.Tallies)));
        }, cancellationToken);

    /// <summary>The quarters of <paramref name="range"/> (on the grid) not stored yet, oldest first.</summary>
    public Task<IReadOnlyList<DateTime>> MissingAsync(StatsWindow range, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<DateTime>>(async connection => [.. await connection.QueryAsync<DateTime>(new CommandDefinition(
            """
            SELECT quarter FROM generate_series(@from, @last, interval '15 minutes') AS quarter
            WHERE NOT EXISTS (SELECT 1 FROM stats_quarters WHERE quarter_start = quarter)
            ORDER BY quarter
            """,
            new { from = range.Start, last = range.End - QuarterHours.Length },
            cancellationToken: cancellationToken))], cancellationToken);

    /// <summary>Stores (or replaces) <paramref name="quarters"/>, and forgets <paramref name="unsettled"/> ones.</summary>
    public static Task WriteAsync(UnitOfWork work, IReadOnlyList<StoredQuarter> quarters, IReadOnlyList<DateTime> unsettled) =>
        work.ExecuteAsync(
            """
            DELETE FROM stats_quarters WHERE quarter_start = ANY(@unsettled);
            INSERT INTO stats_quarters (quarter_start, tallies)
            SELECT start, tallies::jsonb FROM unnest(@starts, @tallies) AS quarter (start, tallies)
            ON CONFLICT (quarter_start) DO UPDATE SET tallies = excluded.tallies, stored_at = now();
            """,
            new
            {
                unsettled = unsettled.ToArray(),
                starts = quarters.Select(quarter => quarter.Start).ToArray(),
                tallies = quarters.Select(quarter => JsonOf(quarter.Departments)).ToArray(),
            });

    /// <summary>A quarter's department tallies as stored: snake_case JSON, times in ticks so nothing is rounded.</summary>
    public static string JsonOf(IReadOnlyDictionary<string, KpiTally> tallies) => JsonSerializer.Serialize(tallies, Json);

    public static Dictionary<string, KpiTally> TalliesOf(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, KpiTally>>(json, Json) ?? throw new JsonException("A stored quarter is null.");
}
