using System.Diagnostics;
using CallCenter.ApiService.Data;
using Npgsql;
using NpgsqlTypes;

namespace CallCenter.Bench.Floor;

/// <summary>How one table was filled: rows written and the seconds the COPY took.</summary>
public sealed record TableLoad(string Table, long Rows, double Seconds);

/// <summary>What loading the floor took, step by step, and the ids its agents got.</summary>
public sealed record FloorLoad(IReadOnlyList<string> AgentIds, IReadOnlyList<TableLoad> Tables, double DropIndexSeconds, double IndexSeconds, double VacuumSeconds, bool ForeignKeysChecked)
{
    public double TotalSeconds => Tables.Sum(t => t.Seconds) + DropIndexSeconds + IndexSeconds + VacuumSeconds;
}

/// <summary>
/// Writes a <see cref="FloorHistory"/> into the API's database with binary COPY, under ids the API's own sequences hand
/// out (so calls, customers and agents made later through the API never meet them). As one does for a bulk load, the
/// tables' secondary indexes are dropped first and built again from their own definitions after, in one transaction,
/// and foreign keys are not checked row by row when the role may skip them (the rows are consistent by construction).
/// Then <c>VACUUM ANALYZE</c>, as autovacuum would have done over the month.
/// </summary>
public static class FloorLoader
{
    private static readonly string[] LoadedTables = ["customers", "calls", "queue_visits", "agent_activities", "call_transfers"];

    public static async Task<FloorLoad> LoadAsync(string connectionString, FloorHistory history, CancellationToken cancellationToken)
    {
        // Unpooled: the session setting below must not outlive this load in a pooled connection.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var agentIds = await ReserveAsync(connection, "agent_number_seq", n => SerialNumber.Format("AGT", n), history.Agents.Count, "SELECT agent_id FROM agents", cancellationToken);
        var customerIds = await ReserveAsync(connection, "customer_number_seq", n => SerialNumber.Format("CUST", n), history.Customers, "SELECT customer_id FROM customers", cancellationToken);
        var callIds = await ReserveAsync(connection, "call_number_seq", n => $"CALL-{ShuffledNumber.Hex(n)}", history.Calls.Count, "SELECT call_id FROM calls", cancellationToken);

        var foreignKeysChecked = false;
        try
        {
            await ExecuteAsync(connection, "SET session_replication_role = replica", cancellationToken);
        }
        catch (PostgresException)
        {
            foreignKeysChecked = true;
        }

        var tables = new List<TableLoad>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var indexes = await SecondaryIndexesAsync(connection, cancellationToken);
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX {name}", cancellationToken);
        }

        var dropSeconds = clock.Elapsed.TotalSeconds;
        tables.Add(await CopyAsync(connection, "agents", "agent_id, name, email, department, languages, status, status_changed_at, created_at, activity, activity_since, break_reason",
            AgentRows(history, agentIds), cancellationToken));
        tables.Add(await CopyAsync(connection, "customers", "customer_id, name, phone_number, created_at",
            Enumerable.Range(0, history.Customers).Select(i => new object?[] { customerIds[i], $"Customer {i + 1}", Phone(i), history.Start.AddDays(-60) }), cancellationToken));
        tables.Add(await CopyAsync(connection, "calls",
            "call_id, customer_id, customer_name, phone_number, status, priority, department, agent_id, started_at, queued_at, answered_at, ended_at, duration, updated_at, language, disposition, callback_number, callback_attempts",
            history.Calls.Select((call, i) => new object?[]
            {
                callIds[i], customerIds[call.Customer], $"Customer {call.Customer + 1}", Phone(call.Customer), call.Status, "medium",
                history.Departments[call.Department].Name, call.Agent < 0 ? null : agentIds[call.Agent], call.StartedAt, call.QueuedAt, call.AnsweredAt,
                call.EndedAt, (int)Math.Round((call.EndedAt - call.StartedAt).TotalSeconds), call.EndedAt, call.Language, call.Disposition,
                call.Callback ? Phone(call.Customer) : null, call.Callback ? 1 : 0,
            }), cancellationToken));
        tables.Add(await CopyAsync(connection, "queue_visits", "call_id, department, entered_at, left_at, outcome, is_transfer_in, is_callback",
            history.Visits.Select(v => new object?[] { callIds[v.Call], history.Departments[v.Department].Name, v.Entered, v.Left, v.Outcome, v.TransferIn, v.Callback }),
            cancellationToken));
        tables.Add(await CopyAsync(connection, "agent_activities", "agent_id, activity, break_reason, call_id, started_at, ended_at",
            history.Spans.Select(s => new object?[] { agentIds[s.Agent], s.Activity, s.BreakReason, s.Call < 0 ? null : callIds[s.Call], s.Start, s.End }),
            cancellationToken));
        tables.Add(await CopyAsync(connection, "call_transfers", "call_id, from_department, to_department, from_agent, transferred_at",
            history.Transfers.Select(t => new object?[] { callIds[t.Call], history.Departments[t.From].Name, history.Departments[t.To].Name, agentIds[t.FromAgent], t.At }),
            cancellationToken));

        clock.Restart();
        foreach (var (_, definition) in indexes)
        {
            await ExecuteAsync(connection, definition, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var indexSeconds = clock.Elapsed.TotalSeconds;
        if (!foreignKeysChecked)
        {
            await ExecuteAsync(connection, "RESET session_replication_role", cancellationToken);
        }

        clock.Restart();
        await ExecuteAsync(connection, $"VACUUM (ANALYZE) agents, {string.Join(", ", LoadedTables)}", cancellationToken);
        return new FloorLoad(agentIds, tables, dropSeconds, indexSeconds, clock.Elapsed.TotalSeconds, foreignKeysChecked);
    }

    /// <summary>A phone number no bench caller uses (theirs are +96650000xxxx).</summary>
    private static string Phone(int customer) => $"+9665{10_000_000 + customer}";

    /// <summary>Each agent's row as its last activity left it, the way the API keeps the row beside the history.</summary>
    private static IEnumerable<object?[]> AgentRows(FloorHistory history, IReadOnlyList<string> agentIds)
    {
        var now = history.Spans.Where(span => span.End is null).ToDictionary(span => span.Agent);
        return history.Agents.Select(agent =>
        {
            var span = now[agent.Index];
            var status = span.Activity switch
            {
                "available" => "available",
                "ringing" or "on_call" or "wrap_up" => "busy",
                "missed" or "on_break" => "on_break",
                _ => "offline",
            };
            var id = agentIds[agent.Index];
            return new object?[]
            {
                id, $"Agent {id[4..]}", $"{id.ToLowerInvariant()}@callcenter.local", history.Departments[agent.Department].Name,
                agent.Index % 3 == 0 ? new[] { "en" } : new[] { "ar", "en" }, status, span.Start, history.Start.AddDays(-30),
                span.Activity, span.Start, span.BreakReason,
            };
        });
    }

    /// <summary>
    /// <paramref name="count"/> ids from the sequence's next numbers, as the API's <c>NextNumber</c> takes them, passing
    /// over any a row already holds (the demo floor's agents were written without the sequence).
    /// </summary>
    private static async Task<IReadOnlyList<string>> ReserveAsync(
        NpgsqlConnection connection, string sequence, Func<long, string> format, int count, string takenSql, CancellationToken cancellationToken)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(takenSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                taken.Add(reader.GetString(0));
            }
        }

        var ids = new List<string>(count);
        while (ids.Count < count)
        {
            var wanted = count - ids.Count;
            await using var reserve = new NpgsqlCommand("SELECT setval(@sequence::regclass, nextval(@sequence::regclass) + @wanted - 1)", connection);
            reserve.Parameters.AddWithValue("sequence", sequence);
            reserve.Parameters.AddWithValue("wanted", (long)wanted);
            var last = (long)(await reserve.ExecuteScalarAsync(cancellationToken))!;
            ids.AddRange(Enumerable.Range(0, wanted).Select(i => format(last - wanted + 1 + i)).Where(id => !taken.Contains(id)));
        }

        return ids;
    }

    /// <summary>The loaded tables' indexes that no constraint owns, with the statements that made them.</summary>
    private static async Task<List<(string Name, string Definition)>> SecondaryIndexesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT quote_ident(i.indexname), i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            ORDER BY i.tablename, i.indexname
            """,
            connection);
        command.Parameters.AddWithValue("tables", LoadedTables);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var indexes = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    private static async Task<TableLoad> CopyAsync(
        NpgsqlConnection connection, string table, string columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var value in row)
            {
                await (value switch
                {
                    null => importer.WriteNullAsync(cancellationToken),
                    DateTime instant => importer.WriteAsync(instant, NpgsqlDbType.TimestampTz, cancellationToken),
                    string[] list => importer.WriteAsync(list, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken),
                    string text => importer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken),
                    int number => importer.WriteAsync(number, NpgsqlDbType.Integer, cancellationToken),
                    bool flag => importer.WriteAsync(flag, NpgsqlDbType.Boolean, cancellationToken),
                    _ => throw new ArgumentException($"No COPY type for {value.GetType().Name}."),
                });
            }
        }

        var written = await importer.CompleteAsync(cancellationToken);
        return new TableLoad(table, (long)written, clock.Elapsed.TotalSeconds);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
