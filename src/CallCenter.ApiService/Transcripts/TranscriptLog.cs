using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using Dapper;

namespace CallCenter.ApiService.Transcripts;

public sealed record Transcript(string CallId, IReadOnlyList<TranscriptMessage> Messages);

/// <summary>What was said on a call, by the bot, the customer, the agent or the system, in order.</summary>
public sealed class TranscriptLog(CallCenterDatabase database, EventOutbox outbox, FloorAccess access, TimeProvider clock)
{
    private const string SelectMessage = "SELECT message_id, call_id, speaker, content, language, created_at AS timestamp FROM transcript_messages";

    public Task<Transcript> GetAsync(string callId, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            var call = await connection.QuerySingleOrDefaultAsync<Call>("SELECT * FROM calls WHERE call_id = @callId", new { callId })
                ?? throw ApiProblemException.NotFound("Call", callId);
            access.EnsureCanWork("call", callId, call.Department, call.AgentId);

            var messages = await connection.QueryAsync<TranscriptMessage>($"{SelectMessage} WHERE call_id = @callId ORDER BY message_id", new { callId });
            return new Transcript(callId, [.. messages]);
        }, cancellationToken);

    public Task<TranscriptMessage> AddAsync(string callId, AddMessageRequest request, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async work =>
        {
            // Shares the call's row lock, so a message cannot slip in after the call has ended.
            var call = await Switchboard.LockAsync(work, callId);
            access.EnsureCanWork("call", callId, call.Department, call.AgentId);
            if (CallStatus.IsFinal(call.Status))
            {
                throw ApiProblemException.Conflict($"Call '{callId}' is {call.Status}; its transcript is closed.");
            }

            var message = await work.QuerySingleAsync<TranscriptMessage>(
                """
                INSERT INTO transcript_messages (call_id, speaker, content, language, created_at)
                VALUES (@callId, @Speaker, @Content, @Language, @now)
                RETURNING message_id, call_id, speaker, content, language, created_at AS timestamp
                """,
                new { callId, request.Speaker, request.Content, Language = request.Language ?? "en", now = clock.UtcNow() });
            // The call's department travels with the message so an agent's socket can keep to their own.
            outbox.Append(work, EventTypes.MessageNew, message, new { department = call.Department });
            return message;
        }, cancellationToken);
}
