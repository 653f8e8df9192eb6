using System.Data;
using CallCenter.ApiService.Data;
using Dapper;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// Loads the <see cref="FloorHistory"/> a report over <c>[from, to)</c> needs, in three set-based queries read from
/// one snapshot: the queue visits that entered in the range or were still waiting at its start, the activity spans
/// overlapping it, and the calls whose handling (talk, then wrap-up) ended in it. Each query is a union of index
/// ranges, so a month's report reads that month, not the whole history.
/// </summary>
public sealed class FloorHistoryReader(CallCenterDatabase database)
{
    /// <summary>
    /// A call's department for the figures is the queue it was answered from (a transfer moves the call on), or, for a
    /// call taken without waiting anywhere, its own and then its agent's department.
    /// </summary>
    private const string Sql = """
        WITH visits AS (
            SELECT * FROM queue_visits WHERE entered_at >= @from AND entered_at < @to
            UNION ALL
            SELECT * FROM queue_visits WHERE entered_at < @from AND left_at >= @from
            UNION ALL
            SELECT * FROM queue_visits WHERE entered_at < @from AND left_at IS NULL
        )
        SELECT call_id, department, entered_at, outcome, left_at, is_transfer_in, is_callback
        FROM visits
        WHERE @department::text IS NULL OR department = @department;

        WITH spans AS (
            SELECT * FROM agent_activities WHERE started_at >= @from AND started_at < @to
            UNION ALL
            SELECT * FROM agent_activities WHERE started_at < @from AND ended_at > @from
            UNION ALL
            SELECT * FROM agent_activities WHERE started_at < @from AND ended_at IS NULL
        )
        SELECT s.agent_id, a.department, s.activity, s.started_at, s.ended_at, s.break_reason, s.call_id
        FROM spans s JOIN agents a ON a.agent_id = s.agent_id
        WHERE @department::text IS NULL OR a.department = @department OR s.agent_id = ANY(@agentIds);

        WITH handled AS (
            SELECT t.call_id, t.agent_id, t.started_at AS answered_at, t.ended_at AS talk_ended_at, NULL::timestamptz AS wrap_up_ended_at
            FROM agent_activities t
            WHERE t.activity = 'on_call' AND t.call_id IS NOT NULL AND t.ended_at >= @from AND t.ended_at < @to
              AND NOT EXISTS (
                  SELECT 1 FROM agent_activities w
                  WHERE w.agent_id = t.agent_id AND w.started_at = t.ended_at AND w.activity = 'wrap_up' AND w.call_id = t.call_id)
            UNION ALL
            SELECT t.call_id, t.agent_id, t.started_at, t.ended_at, w.ended_at
            FROM agent_activities w
            JOIN agent_activities t
              ON t.agent_id = w.agent_id AND t.ended_at = w.started_at AND t.activity = 'on_call' AND t.call_id = w.call_id
            WHERE w.activity = 'wrap_up' AND w.call_id IS NOT NULL AND w.ended_at >= @from AND w.ended_at < @to
        ), placed AS (
            SELECT h.*, COALESCE(v.department, c.department, a.department) AS department
            FROM handled h
            JOIN agents a ON a.agent_id = h.agent_id
            LEFT JOIN calls c ON c.call_id = h.call_id
            LEFT JOIN LATERAL (
                SELECT q.department FROM queue_visits q
                WHERE q.call_id = h.call_id AND q.entered_at <= h.answered_at
                ORDER BY q.entered_at DESC, q.visit_id DESC LIMIT 1) v ON true
        )
        SELECT call_id, agent_id, department, answered_at, talk_ended_at, wrap_up_ended_at
        FROM placed
        WHERE @department::text IS NULL OR department = @department OR agent_id = ANY(@agentIds);
        """;

    /// <summary>
    /// The history over <paramref name="range"/>: everything when <paramref name="department"/> is null, else that
    /// department's, plus whatever the agents in <paramref name="agentIds"/> did wherever they worked.
    /// </summary>
    public Task<FloorHistory> ReadAsync(StatsWindow range, string? department, IReadOnlyCollection<string> agentIds, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            // One snapshot for all three, so a call answered between two reads is not half counted.
            await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            // Planned for this range every time: one statement serves today and a month, whose best plans differ, and a
            // prepared statement's generic plan, chosen on the month's costs, made today's figures ten times slower
            // (bench/README.md, stats). Planning is a millisecond of a report that takes a hundred.
            await connection.ExecuteAsync(new CommandDefinition("SET LOCAL plan_cache_mode = force_custom_plan", transaction: snapshot, cancellationToken: cancellationToken));
            var parameters = new { from = range.Start, to = range.End, department, agentIds = agentIds.ToArray() };
            using var grid = await connection.QueryMultipleAsync(new CommandDefinition(Sql, parameters, snapshot, cancellationToken: cancellationToken));
            var visits = (await grid.ReadAsync<VisitRow>()).Select(row => row.ToVisit());
            var spans = (await grid.ReadAsync<SpanRow>()).Select(row => row.ToSpan());
            var handled = (await grid.ReadAsync<HandledRow>()).Select(row => row.ToHandledCall());
            return new FloorHistory([.. visits], [.. spans], [.. handled]);
        }, cancellationToken);

    private sealed class VisitRow
    {
        public string CallId { get; init; } = "";
        public string Department { get; init; } = "";
        public DateTime EnteredAt { get; init; }
        public string Outcome { get; init; } = "";
        public DateTime? LeftAt { get; init; }
        public bool IsTransferIn { get; init; }
        public bool IsCallback { get; init; }

        public QueueVisit ToVisit() => new(CallId, Department, EnteredAt, QueueVisits.OutcomeOf(Outcome), LeftAt)
        {
            IsTransferIn = IsTransferIn,
            IsCallback = IsCallback,
        };
    }

    private sealed class SpanRow
    {
        public string AgentId { get; init; } = "";
        public string Department { get; init; } = "";
        public string Activity { get; init; } = "";
        public DateTime StartedAt { get; init; }
        public DateTime? EndedAt { get; init; }
        public string? BreakReason { get; init; }
        public string? CallId { get; init; }

        public ActivitySpan ToSpan() => new(AgentId, Department, Activity, StartedAt, EndedAt) { BreakReason = BreakReason, CallId = CallId };
    }

    private sealed class HandledRow
    {
        public string CallId { get; init; } = "";
        public string AgentId { get; init; } = "";
        public string Department { get; init; } = "";
        public DateTime AnsweredAt { get; init; }
        public DateTime TalkEndedAt { get; init; }
        public DateTime? WrapUpEndedAt { get; init; }

        public HandledCall ToHandledCall() => new(CallId, AgentId, Department, AnsweredAt, TalkEndedAt, WrapUpEndedAt);
    }
}
