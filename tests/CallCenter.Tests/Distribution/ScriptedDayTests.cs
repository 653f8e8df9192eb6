using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CallCenter.Tests.Infrastructure;
using CallCenter.Tests.Security;
using Npgsql;

namespace CallCenter.Tests.Distribution;

/// <summary>
/// Issue 13's scripted day: a fixed history of sales calls and agent activity on 9–10 March 2020 (Riyadh, UTC+3),
/// written straight into the tables the floor keeps, with figures worked out by hand. It covers a call that waits
/// across the center's midnight, a short abandon, an abandon after T, answers within and after T, a transfer in and
/// out, wrap-ups crossing interval boundaries and a break. The API must return exactly those figures counted from
/// the history, the same again from the quarter-hours a rebuild stores, and a rebuild must recount what changed.
/// </summary>
[Collection(AcdCollection.Name)]
public sealed class ScriptedDayTests(AcdFixture fixture) : AcdTest(fixture)
{
    private const string Day = "/api/stats/intervals?from=2020-03-09&to=2020-03-11&interval=1d&department=sales";

    /// <summary>The center's wall clock on 9 or 10 March 2020, "dd HH:mm:ss", as UTC.</summary>
    private static DateTime Riyadh(string time) =>
        DateTime.SpecifyKind(DateTime.ParseExact("2020-03-" + time, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture).AddHours(-3), DateTimeKind.Utc);

    [Fact]
    public async Task TheScriptedDaysFiguresAreExactCountedStoredAndRebuilt()
    {
        await WriteScriptAsync();

        var counted = (await Api.GetAsync(Day)).Expect(HttpStatusCode.OK).Json;
        var (ninth, tenth) = (counted["intervals"]![0]!, counted["intervals"]![1]!);
        Assert.Equal(Riyadh("09 00:00:00"), ninth["window"].Value<DateTime>("start"));
        Assert.Equal(Riyadh("10 00:00:00"), tenth["window"].Value<DateTime>("start"));

        // The 9th: one call entered before midnight and was answered after it, 15 s later (T is 2 s for sales).
        AssertFigures(ninth, offered: 1, transfersIn: 0, answered: 1, within: 0, abandoned: 0, shortAbandoned: 0, transferredOut: 0, handled: 0);
        Assert.Equal(0.0, ninth.Value<double>("service_level"));
        Assert.Equal(15.0, ninth.Value<double>("asa_seconds"));
        Assert.Equal(0.0, ninth.Value<double>("occupancy"));
        Assert.Equal(1, ninth.Value<int>("calls_waiting"));
        Assert.Equal(10.0, ninth.Value<double>("longest_wait_seconds"));
        Assert.Equal(1, ninth["agents_by_activity"].Value<int>("available"));

        // The 10th: five offered (one short abandon, one abandon after T, one answered within T, one after, one
        // transferred out), a transfer in, and four handled — the one from before midnight included.
        AssertFigures(tenth, offered: 5, transfersIn: 1, answered: 2, within: 1, abandoned: 2, shortAbandoned: 1, transferredOut: 1, handled: 4);
        Assert.Equal(1.0 / 3, tenth.Value<double>("service_level"), 12);
        Assert.Equal(5.5, tenth.Value<double>("asa_seconds"), 12);
        Assert.Equal((210 + 300 + 330 + 330) / 4.0, tenth.Value<double>("aht_seconds"), 12);
        Assert.Equal(0.25, tenth.Value<double>("abandon_rate"), 12);
        Assert.Equal(1170.0 / (1170 + 920), tenth.Value<double>("occupancy"), 12);
        Assert.Equal(0, tenth.Value<int>("calls_waiting"));
        Assert.Null(tenth["longest_wait_seconds"]);

        var nine = (await Api.GetAsync("/api/stats/intervals?from=2020-03-10T09:00&to=2020-03-10T10:00&interval=1h&department=sales"))
            .Expect(HttpStatusCode.OK).Json["intervals"]![0]!;
        AssertFigures(nine, offered: 5, transfersIn: 1, answered: 2, within: 1, abandoned: 2, shortAbandoned: 1, transferredOut: 1, handled: 3);
        Assert.Equal((300 + 330 + 330) / 3.0, nine.Value<double>("aht_seconds"), 12);

        // Stored by a rebuild, the same figures to the last digit, read from the quarters now.
        var rebuilt = (await Api.PostAsync("/api/stats/rebuild?from=2020-03-09&to=2020-03-11")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(2 * 96, rebuilt.Value<int>("quarters_stored"));
        Assert.Equal(0, rebuilt.Value<int>("quarters_unsettled"));
        Assert.Equal(counted["intervals"]!.ToJsonString(), (await Api.GetAsync(Day)).Expect(HttpStatusCode.OK).Json["intervals"]!.ToJsonString());

        // The report reads what was stored; a rebuild recounts the history as it now is.
        await ExecuteAsync("DELETE FROM queue_visits WHERE call_id = 'CALL-5C71D003'");
        Assert.Equal(5, (await Api.GetAsync(Day)).Expect(HttpStatusCode.OK).Json["intervals"]![1].Value<int>("offered"));
        (await Api.PostAsync("/api/stats/rebuild?from=2020-03-10&to=2020-03-11")).Expect(HttpStatusCode.OK);
        var recounted = (await Api.GetAsync(Day)).Expect(HttpStatusCode.OK).Json["intervals"]![1]!;
        AssertFigures(recounted, offered: 4, transfersIn: 1, answered: 2, within: 1, abandoned: 1, shortAbandoned: 1, transferredOut: 1, handled: 4);
        Assert.Equal(0.5, recounted.Value<double>("service_level"), 12);
    }

    [Fact]
    public async Task EachQuarterHourIsStoredOnItsOwnOnceItSettles()
    {
        // The floor is quiet, so the last quarter that ended over a minute ago holds no waiting call: it is settled.
        var settled = await ScalarAsync<DateTime>(
            "SELECT to_timestamp(floor(extract(epoch FROM now() - interval '1 minute') / 900) * 900) - interval '15 minutes'");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(75));
        while (await ScalarAsync<long>($"SELECT count(*) FROM stats_quarters WHERE quarter_start = '{settled:O}'") == 0)
        {
            Assert.False(deadline.IsCancellationRequested, $"The quarter from {settled:O} was not stored within 75 s.");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    [Fact]
    public async Task OnlyAdminsRebuildAndOnlyARangeTheyCanName()
    {
        using var supervisor = await FloorKeys.ClientAsync(Fixture, "supervisor");
        (await supervisor.PostAsync("/api/stats/rebuild?from=2020-01-01&to=2020-01-02")).ExpectProblem(HttpStatusCode.Forbidden);
        (await Api.PostAsync("/api/stats/rebuild?to=2020-01-02")).ExpectProblem(HttpStatusCode.BadRequest, "from");
        (await Api.PostAsync("/api/stats/rebuild?from=2020-01-01&to=2021-01-01")).ExpectProblem(HttpStatusCode.BadRequest, "to");
        (await Api.PostAsync("/api/stats/rebuild?from=2020-01-02&to=2020-01-01")).ExpectProblem(HttpStatusCode.BadRequest, "from");
    }

    private static void AssertFigures(
        JsonNode figures, int offered, int transfersIn, int answered, int within, int abandoned, int shortAbandoned, int transferredOut, int handled) =>
        Assert.Equal(
            (offered, transfersIn, answered, within, abandoned, shortAbandoned, transferredOut, handled),
            (figures.Value<int>("offered"), figures.Value<int>("transfers_in"), figures.Value<int>("answered"),
                figures.Value<int>("answered_within_threshold"), figures.Value<int>("abandoned"), figures.Value<int>("short_abandoned"),
                figures.Value<int>("transferred_out"), figures.Value<int>("handled")));

    private async Task WriteScriptAsync()
    {
        var calls = new (string Id, string Agent, string Queued, string Answered, string Ended)[]
        {
            ("CALL-5C71D001", "AGT-005", "09 23:59:50", "10 00:00:05", "10 00:03:05"),
            ("CALL-5C71D002", "", "10 09:00:00", "", "10 09:00:01"),
            ("CALL-5C71D003", "", "10 09:05:00", "", "10 09:05:30"),
            ("CALL-5C71D004", "AGT-004", "10 09:10:00", "10 09:10:01", "10 09:14:01"),
            ("CALL-5C71D005", "AGT-004", "10 09:20:00", "10 09:20:10", "10 09:25:10"),
            ("CALL-5C71D006", "AGT-004", "10 09:38:00", "10 09:40:05", "10 09:45:05"),
            ("CALL-5C71D007", "", "10 09:50:00", "", "10 09:51:00"),
        };
        var visits = new (string Call, string Department, string Entered, string Outcome, string Left, bool TransferIn)[]
        {
            ("CALL-5C71D001", "sales", "09 23:59:50", "answered", "10 00:00:05", false),
            ("CALL-5C71D002", "sales", "10 09:00:00", "abandoned", "10 09:00:01", false),
            ("CALL-5C71D003", "sales", "10 09:05:00", "abandoned", "10 09:05:30", false),
            ("CALL-5C71D004", "sales", "10 09:10:00", "answered", "10 09:10:01", false),
            ("CALL-5C71D005", "sales", "10 09:20:00", "answered", "10 09:20:10", false),
            ("CALL-5C71D006", "support", "10 09:38:00", "transferred_out", "10 09:40:00", false),
            ("CALL-5C71D006", "sales", "10 09:40:00", "answered", "10 09:40:05", true),
            ("CALL-5C71D007", "sales", "10 09:50:00", "transferred_out", "10 09:50:30", false),
        };
        var spans = new (string Agent, string Activity, string Started, string Ended, string? Call, string? Reason)[]
        {
            ("AGT-005", "available", "09 23:50:00", "10 00:00:05", null, null),
            ("AGT-005", "on_call", "10 00:00:05", "10 00:03:05", "CALL-5C71D001", null),
            ("AGT-005", "wrap_up", "10 00:03:05", "10 00:03:35", "CALL-5C71D001", null),
            ("AGT-005", "offline", "10 00:03:35", "10 00:30:00", null, null),
            ("AGT-004", "available", "10 09:00:00", "10 09:10:01", null, null),
            ("AGT-004", "on_call", "10 09:10:01", "10 09:14:01", "CALL-5C71D004", null),
            ("AGT-004", "wrap_up", "10 09:14:01", "10 09:15:01", "CALL-5C71D004", null),
            ("AGT-004", "available", "10 09:15:01", "10 09:20:10", null, null),
            ("AGT-004", "on_call", "10 09:20:10", "10 09:25:10", "CALL-5C71D005", null),
            ("AGT-004", "wrap_up", "10 09:25:10", "10 09:25:40", "CALL-5C71D005", null),
            ("AGT-004", "on_break", "10 09:25:40", "10 09:40:00", null, "lunch"),
            ("AGT-004", "available", "10 09:40:00", "10 09:40:05", null, null),
            ("AGT-004", "on_call", "10 09:40:05", "10 09:45:05", "CALL-5C71D006", null),
            ("AGT-004", "wrap_up", "10 09:45:05", "10 09:45:35", "CALL-5C71D006", null),
            ("AGT-004", "offline", "10 09:45:35", "10 10:00:00", null, null),
        };

        await using var connection = new NpgsqlConnection(await Fixture.App.GetConnectionStringAsync("callcenterdb"));
        await connection.OpenAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var call in calls)
        {
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO calls (call_id, customer_id, customer_name, phone_number, status, department, agent_id,
                                   started_at, queued_at, answered_at, ended_at, updated_at)
                SELECT $1, customer_id, name, phone_number, 'ended', 'sales', NULLIF($2, ''), $3, $3, $4, $5, $5
                FROM customers ORDER BY customer_id LIMIT 1
                """,
                call.Id, call.Agent, Riyadh(call.Queued), call.Answered == "" ? DBNull.Value : Riyadh(call.Answered), Riyadh(call.Ended)));
        }

        foreach (var visit in visits)
        {
            batch.BatchCommands.Add(Command(
                "INSERT INTO queue_visits (call_id, department, entered_at, outcome, left_at, is_transfer_in) VALUES ($1, $2, $3, $4, $5, $6)",
                visit.Call, visit.Department, Riyadh(visit.Entered), visit.Outcome, Riyadh(visit.Left), visit.TransferIn));
        }

        foreach (var span in spans)
        {
            batch.BatchCommands.Add(Command(
                "INSERT INTO agent_activities (agent_id, activity, started_at, ended_at, call_id, break_reason) VALUES ($1, $2, $3, $4, $5, $6)",
                span.Agent, span.Activity, Riyadh(span.Started), Riyadh(span.Ended), (object?)span.Call ?? DBNull.Value, (object?)span.Reason ?? DBNull.Value));
        }

        await batch.ExecuteNonQueryAsync();
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private Task ExecuteAsync(string sql) => ScalarAsync<object>(sql);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(await Fixture.App.GetConnectionStringAsync("callcenterdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
