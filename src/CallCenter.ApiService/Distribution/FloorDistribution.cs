using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Customers;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using CallCenter.ApiService.Stats;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Distribution;

/// <summary>
/// What people do with offers and distributed calls: answer or decline an offer, a supervisor's assignment, the
/// wrap-up code, and callbacks. Each is one transaction on the locked call (then its agent).
/// </summary>
public sealed class FloorDistribution(
    CallCenterDatabase database,
    Offers offers,
    EventOutbox outbox,
    PhoneNumberParser phoneNumbers,
    IOptions<AcdOptions> options,
    FloorAccess access,
    TimeProvider clock)
{
    public Task<Call> AcceptAsync(string callId, OfferAnswerRequest request, CancellationToken cancellationToken)
    {
        var agentId = AnsweringAgent(request);
        return database.InTransactionAsync(async work =>
        {
            var call = await RingingAsync(work, callId, "accepted");
            return await offers.AcceptAsync(work, call, agentId ?? call.AgentId!);
        }, cancellationToken);
    }

    public Task<Call> DeclineAsync(string callId, OfferAnswerRequest request, CancellationToken cancellationToken)
    {
        var agentId = AnsweringAgent(request);
        return database.InTransactionAsync(async work =>
        {
            var call = await RingingAsync(work, callId, "declined");
            return await offers.BackToQueueAsync(work, call, agentId ?? call.AgentId!);
        }, cancellationToken);
    }

    /// <summary>A supervisor offers a waiting call to a named agent, whatever the queue order; it rings like any offer.</summary>
    public Task<Call> AssignAsync(string callId, AssignCallRequest request, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async work =>
        {
            var call = await Switchboard.LockAsync(work, callId);
            if (call.Status != CallStatus.Queued)
            {
                throw new AcdRuleException("call_id", $"call '{callId}' is {call.Status}; only a queued call can be assigned.");
            }

            var agent = await AgentDesk.LockAsync(work, request.AgentId!);
            if (agent.Activity != AgentActivity.Available)
            {
                throw new AcdRuleException("agent_id", $"agent '{agent.AgentId}' is {agent.Activity}; only an available agent can be offered a call.");
            }

            var now = clock.UtcNow();
            var offer = new Offer(call.CallId, agent.AgentId, call.QueuedAt ?? now, now, now + options.Value.RingTimeout);
            return await offers.MakeAsync(work, call, agent, offer);
        }, cancellationToken);

    /// <summary>The agent's wrap-up code for a call they answered, during wrap-up or after.</summary>
    public Task<Call> RecordDispositionAsync(string callId, DispositionRequest request, CancellationToken cancellationToken)
    {
        var codes = options.Value.AllowedDispositionCodes;
        if (!codes.Contains(request.Code!))
        {
            throw ApiProblemException.Invalid("code", $"must be one of: {string.Join(", ", codes)}.");
        }

        return database.InTransactionAsync(async work =>
        {
            var call = await Switchboard.LockAsync(work, callId);
            access.EnsureCanWork("call", call.CallId, call.Department, call.AgentId);
            if (call.AnsweredAt is null || call.AgentId is null)
            {
                throw new AcdRuleException("call_id", $"call '{callId}' was never answered by an agent; there is nothing to wrap up.");
            }

            access.EnsureIsSelf(call.AgentId, "call_id");
            var coded = call with { Disposition = request.Code, UpdatedAt = clock.UtcNow() };
            await Switchboard.SaveAsync(work, coded);
            outbox.Append(work, EventTypes.CallUpdated, coded, new { previous_status = call.Status });
            return coded;
        }, cancellationToken);
    }

    /// <summary>A waiting caller leaves the line but keeps their place; the call is offered when that place comes up.</summary>
    public Task<Call> RequestCallbackAsync(string callId, CallbackRequestBody request, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async work =>
        {
            var call = await Switchboard.LockAsync(work, callId);
            access.EnsureCanWork("call", call.CallId, call.Department, call.AgentId);
            if (call.Status is not (CallStatus.Queued or CallStatus.Ringing))
            {
                throw new AcdRuleException("call_id", $"call '{callId}' is {call.Status}; only a caller waiting in a queue can ask to be called back.");
            }

            var number = phoneNumbers.ToE164(request.PhoneNumber ?? call.PhoneNumber, "phone_number");
            var waiting = await offers.WithdrawAsync(work, call);
            var callback = waiting with
            {
                Status = CallStatus.Queued,
                AgentId = null,
                CallbackNumber = number,
                CallbackNotBefore = request.NotBefore?.ToUniversalTime(),
                UpdatedAt = clock.UtcNow(),
            };
            await Switchboard.SaveAsync(work, callback);
            await QueueVisits.CallbackRequestedAsync(work, callback.CallId);
            outbox.Append(work, EventTypes.CallUpdated, callback, new { previous_status = call.Status });
            return callback;
        }, cancellationToken);

    /// <summary>
    /// The agent who took a callback could not reach the caller: it waits (in its place) and is offered again after
    /// the retry delay, until the attempts run out and the call is given up as abandoned.
    /// </summary>
    public Task<Call> CallbackNotReachedAsync(string callId, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async work =>
        {
            var call = await Switchboard.LockAsync(work, callId);
            access.EnsureCanWork("call", call.CallId, call.Department, call.AgentId);
            access.EnsureIsSelf(call.AgentId, "call_id");
            if (call.CallbackNumber is null || call.Status != CallStatus.InProgress)
            {
                throw new AcdRuleException("call_id", $"call '{callId}' is not a callback being dialled.");
            }

            await offers.ReleaseAgentAsync(work, call);
            var now = clock.UtcNow();
            var givenUp = call.CallbackAttempts >= options.Value.CallbackMaxAttempts;
            var next = givenUp
                ? call with { Status = CallStatus.Abandoned, EndedAt = now, Duration = (int)Math.Max(0, Math.Round((now - call.StartedAt).TotalSeconds)), UpdatedAt = now }
                : call with
                {
                    Status = CallStatus.Queued,
                    AgentId = null,
                    AnsweredAt = null,
                    CallbackNotBefore = now + TimeSpan.FromSeconds(options.Value.CallbackRetrySeconds),
                    UpdatedAt = now,
                };
            await Switchboard.SaveAsync(work, next);
            await QueueVisits.CallbackNotReachedAsync(work, next.CallId, givenUp, now);
            outbox.Append(work, givenUp ? EventTypes.CallEnded : EventTypes.CallUpdated, next, new { previous_status = call.Status, callback_outcome = "not_reached" });
            return next;
        }, cancellationToken);

    /// <summary>A signed-in agent answers for themselves; a key may name the agent, or leave it to the offer.</summary>
    private string? AnsweringAgent(OfferAnswerRequest request)
    {
        access.EnsureIsSelf(request.AgentId, "agent_id");
        return access.Caller.IsAgent ? access.Caller.AgentId : request.AgentId;
    }

    private static async Task<Call> RingingAsync(UnitOfWork work, string callId, string answer)
    {
        var call = await Switchboard.LockAsync(work, callId);
        return call.Status == CallStatus.Ringing && call.OfferExpiresAt is not null
            ? call
            : throw new AcdRuleException("call_id", $"call '{callId}' is {call.Status} with no offer ringing; it cannot be {answer}.");
    }
}
