using CallCenter.ApiService.Agents;
using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Hosting;
using CallCenter.ApiService.Stats;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Distribution;

/// <summary>
/// Offers in the database: making one (call and agent ringing, the offer recorded with its expiry), and settling it
/// by an answer, a decline, the ring timer, or withdrawal. Rows are locked call first, then agent, everywhere.
/// </summary>
public sealed class Offers(
    EventOutbox outbox, AgentDesk desk, Replica replica, DistributionMetrics metrics, IOptions<AcdOptions> options, TimeProvider clock)
{
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Expired = "expired";
    public const string Withdrawn = "withdrawn";
    public const string Made = "made";

    private readonly OfferDecision _decision = new(clock);

    public async Task<Call> MakeAsync(UnitOfWork work, Call call, Agent agent, Offer offer)
    {
        var ringing = call with
        {
            Status = CallStatus.Ringing,
            AgentId = agent.AgentId,
            OfferExpiresAt = offer.ExpiresAt,
            UpdatedAt = offer.OfferedAt,
        };
        await work.ExecuteAsync(
            """
            INSERT INTO call_offers (call_id, agent_id, queued_at, offered_at, expires_at)
            VALUES (@CallId, @AgentId, @QueuedAt, @OfferedAt, @ExpiresAt)
            """,
            offer);
        await Switchboard.SaveAsync(work, ringing);
        await desk.MoveAsync(work, agent, AgentDesk.StateOf(agent).Offered(offer.OfferedAt), call.CallId);
        outbox.Append(work, EventTypes.CallOffered, new
        {
            call_id = call.CallId,
            agent_id = agent.AgentId,
            offered_at = offer.OfferedAt,
            expires_at = offer.ExpiresAt,
            department = call.Department,
            priority = call.Priority,
            language = call.Language,
            customer_name = call.CustomerName,
            phone_number = call.CallbackNumber ?? call.PhoneNumber,
            callback = call.CallbackNumber is not null,
            // Which API replica decided, for operators (and the test that kills it).
            decided_by = replica.Name,
        });
        outbox.Append(work, EventTypes.CallUpdated, ringing, new { previous_status = call.Status });
        metrics.Offer(Made);
        return ringing;
    }

    /// <summary>The offered agent answers: the call is in progress, the agent on it. <paramref name="call"/> is locked.</summary>
    public async Task<Call> AcceptAsync(UnitOfWork work, Call call, string agentId)
    {
        var offer = await OpenOfferAsync(work, call);
        var agent = await AgentDesk.LockAsync(work, offer.AgentId);
        var outcome = _decision.Accept(offer, agentId, AgentDesk.StateOf(agent));
        var answered = call with
        {
            Status = outcome.CallStatus,
            AnsweredAt = call.AnsweredAt ?? outcome.Agent.Since,
            OfferExpiresAt = null,
            CallbackAttempts = call.CallbackNumber is null ? call.CallbackAttempts : call.CallbackAttempts + 1,
            UpdatedAt = outcome.Agent.Since,
        };
        await SettleAsync(work, call.CallId, Accepted, outcome.Agent.Since);
        await Switchboard.SaveAsync(work, answered);
        await QueueVisits.AnsweredAsync(work, call.CallId, outcome.Agent.Since);
        await desk.MoveAsync(work, agent, outcome.Agent, call.CallId);
        outbox.Append(work, EventTypes.CallUpdated, answered, new { previous_status = call.Status });
        return answered;
    }

    /// <summary>The offered agent declines, or the ring timer (<paramref name="agentId"/> null) finds the offer ran out.</summary>
    public async Task<Call> BackToQueueAsync(UnitOfWork work, Call call, string? agentId)
    {
        var offer = await OpenOfferAsync(work, call);
        var agent = await AgentDesk.LockAsync(work, offer.AgentId);
        var outcome = agentId is null
            ? _decision.Expire(offer, AgentDesk.StateOf(agent))
            : _decision.Decline(offer, agentId, AgentDesk.StateOf(agent));
        var queued = call with
        {
            Status = outcome.CallStatus,
            AgentId = null,
            QueuedAt = outcome.QueuedAt,
            OfferExpiresAt = null,
            UpdatedAt = clock.UtcNow(),
        };
        await SettleAsync(work, call.CallId, agentId is null ? Expired : Declined, outcome.Agent.Since);
        await Switchboard.SaveAsync(work, queued);
        await desk.MoveAsync(work, agent, outcome.Agent, call.CallId);
        outbox.Append(work, EventTypes.CallUpdated, queued, new { previous_status = call.Status, offer = agentId is null ? Expired : Declined });
        return queued;
    }

    /// <summary>
    /// The call stops ringing on its offer by other means (the caller hung up, a person routed, transferred or took
    /// it): the offer is withdrawn and the agent goes back to waiting, not missed. Returns the call without its offer.
    /// </summary>
    public async Task<Call> WithdrawAsync(UnitOfWork work, Call call)
    {
        if (call.Status != CallStatus.Ringing || call.OfferExpiresAt is null)
        {
            return call;
        }

        var now = clock.UtcNow();
        var offer = await work.QuerySingleOrDefaultAsync<string>(
            "UPDATE call_offers SET outcome = @outcome, settled_at = @now WHERE call_id = @callId AND outcome IS NULL RETURNING agent_id",
            new { callId = call.CallId, outcome = Withdrawn, now });
        if (offer is not null)
        {
            metrics.Offer(Withdrawn);
            var agent = await AgentDesk.LockAsync(work, offer);
            if (agent.Activity == AgentActivity.Ringing && agent.CallId == call.CallId)
            {
                await desk.MoveAsync(work, agent, AgentDesk.StateOf(agent).OfferWithdrawn(now), call.CallId);
            }
        }

        return call with { OfferExpiresAt = null };
    }

    /// <summary>
    /// The agent on a call is done with it (it ended, or went back to a queue): wrap-up for the call's department,
    /// or available at once when it has none. An agent not on this call is left as they are.
    /// </summary>
    public async Task ReleaseAgentAsync(UnitOfWork work, Call call)
    {
        if (call.AgentId is null)
        {
            return;
        }

        var agent = await AgentDesk.LockAsync(work, call.AgentId);
        if (agent.Activity == AgentActivity.OnCall && agent.CallId == call.CallId)
        {
            var wrapUp = call.Department is null ? TimeSpan.FromSeconds(options.Value.WrapUpSeconds) : options.Value.WrapUpFor(call.Department);
            await desk.MoveAsync(work, agent, AgentDesk.StateOf(agent).CallEnded(clock.UtcNow(), wrapUp), call.CallId);
        }
    }

    /// <summary>
    /// A person puts an agent on a call by hand (the seed's status change): whatever the agent was doing, they are on
    /// this call now; an offer ringing on their desk for another call is withdrawn first.
    /// </summary>
    public async Task TakeByHandAsync(UnitOfWork work, Call call, string agentId)
    {
        var agent = await AgentDesk.LockAsync(work, agentId);
        if (agent.Activity == AgentActivity.OnCall && agent.CallId == call.CallId)
        {
            return;
        }

        var now = clock.UtcNow();
        if (agent.Activity == AgentActivity.Ringing && agent.CallId != call.CallId)
        {
            await WithdrawOfferOfAsync(work, agent);
            agent = await AgentDesk.LockAsync(work, agentId);
        }

        await desk.MoveAsync(work, agent, new AgentActivityState(AgentActivity.OnCall, now), call.CallId);
    }

    /// <summary>An agent who is ringing gives up the offer (they changed their status by hand): the call goes back to its place.</summary>
    public async Task WithdrawOfferOfAsync(UnitOfWork work, Agent agent)
    {
        if (agent.CallId is not { } callId)
        {
            return;
        }

        var call = await Switchboard.LockAsync(work, callId);
        if (call.Status == CallStatus.Ringing && call.AgentId == agent.AgentId)
        {
            var withdrawn = await WithdrawAsync(work, call);
            var queued = withdrawn with { Status = CallStatus.Queued, AgentId = null, UpdatedAt = clock.UtcNow() };
            await Switchboard.SaveAsync(work, queued);
            outbox.Append(work, EventTypes.CallUpdated, queued, new { previous_status = call.Status, offer = Withdrawn });
        }
    }

    public static async Task<Offer> OpenOfferAsync(UnitOfWork work, Call call) =>
        await work.QuerySingleOrDefaultAsync<Offer>(
            "SELECT call_id, agent_id, queued_at, offered_at, expires_at FROM call_offers WHERE call_id = @callId AND outcome IS NULL",
            new { callId = call.CallId })
        ?? throw new AcdRuleException("call_id", $"call '{call.CallId}' is {call.Status} with no offer ringing.");

    private Task SettleAsync(UnitOfWork work, string callId, string outcome, DateTime at)
    {
        // Counted as decided; a transaction that then fails to commit over-counts by one, which a rate can bear.
        metrics.Offer(outcome);
        return work.ExecuteAsync(
            "UPDATE call_offers SET outcome = @outcome, settled_at = @at WHERE call_id = @callId AND outcome IS NULL",
            new { callId, outcome, at });
    }
}
