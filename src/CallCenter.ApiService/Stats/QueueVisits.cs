using CallCenter.ApiService.Data;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// Writes <c>queue_visits</c> in the unit of work of the change it follows, so a call's stay in each queue is
/// recorded exactly as it happened: what <see cref="FloorHistoryReader"/> turns into <see cref="QueueVisit"/>s.
/// An offer ringing or going back to the queue does not end a visit; only an answer, a hang-up or a move does.
/// </summary>
public static class QueueVisits
{
    public const string Waiting = "waiting";
    public const string Answered = "answered";
    public const string Abandoned = "abandoned";
    public const string TransferredOut = "transferred_out";

    public static VisitOutcome OutcomeOf(string outcome) => outcome switch
    {
        Waiting => VisitOutcome.Waiting,
        Answered => VisitOutcome.Answered,
        Abandoned => VisitOutcome.Abandoned,
        TransferredOut => VisitOutcome.TransferredOut,
        _ => throw new StatsRuleException("outcome", $"'{outcome}' is not a visit outcome."),
    };

    /// <summary>
    /// The call waits in <paramref name="department"/>'s queue from <paramref name="at"/>. Already waiting there, its
    /// visit goes on; waiting elsewhere, that visit ends as transferred out. A call that waited anywhere before comes
    /// back as a transfer in, so no call is offered twice.
    /// </summary>
    public static Task QueuedAsync(UnitOfWork work, string callId, string? department, DateTime at, bool transferIn = false) =>
        department is null
            ? Task.CompletedTask
            : work.ExecuteAsync(
                """
                UPDATE queue_visits SET outcome = 'transferred_out', left_at = @at
                WHERE call_id = @callId AND left_at IS NULL AND department <> @department;
                INSERT INTO queue_visits (call_id, department, entered_at, is_transfer_in)
                SELECT @callId, @department, @at, @transferIn OR EXISTS (SELECT 1 FROM queue_visits WHERE call_id = @callId)
                WHERE NOT EXISTS (SELECT 1 FROM queue_visits WHERE call_id = @callId AND left_at IS NULL);
                """,
                new { callId, department, at, transferIn });

    /// <summary>An agent took the call: accepted its offer, was put on it by hand, or dialled its callback.</summary>
    public static Task AnsweredAsync(UnitOfWork work, string callId, DateTime at) => EndAsync(work, callId, Answered, at);

    /// <summary>The call ended while still waiting (queued or ringing): the caller hung up.</summary>
    public static Task AbandonedAsync(UnitOfWork work, string callId, DateTime at) => EndAsync(work, callId, Abandoned, at);

    /// <summary>The caller left the line to be called back; the visit keeps its place and its start.</summary>
    public static Task CallbackRequestedAsync(UnitOfWork work, string callId) =>
        work.ExecuteAsync("UPDATE queue_visits SET is_callback = true WHERE call_id = @callId AND left_at IS NULL", new { callId });

    /// <summary>
    /// The callback's caller was not reached, so it was not answered after all: its visit waits again from where it
    /// started, or ends abandoned when the floor gives up on it.
    /// </summary>
    public static Task CallbackNotReachedAsync(UnitOfWork work, string callId, bool givenUp, DateTime at) =>
        work.ExecuteAsync(
            """
            UPDATE queue_visits SET outcome = @outcome, left_at = @leftAt
            WHERE visit_id = (SELECT visit_id FROM queue_visits WHERE call_id = @callId ORDER BY entered_at DESC, visit_id DESC LIMIT 1)
              AND outcome = 'answered'
            """,
            new { callId, outcome = givenUp ? Abandoned : Waiting, leftAt = givenUp ? at : (DateTime?)null });

    private static Task EndAsync(UnitOfWork work, string callId, string outcome, DateTime at) =>
        work.ExecuteAsync(
            "UPDATE queue_visits SET outcome = @outcome, left_at = @at WHERE call_id = @callId AND left_at IS NULL",
            new { callId, outcome, at });
}
