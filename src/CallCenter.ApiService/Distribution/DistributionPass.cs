using System.Diagnostics;
using CallCenter.ApiService.Agents;
using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Data;
using Microsoft.Extensions.Options;
using OpenTelemetry;

namespace CallCenter.ApiService.Distribution;

/// <summary>
/// One decision round for the whole floor, under a PostgreSQL advisory lock so exactly one replica decides at a
/// time: offers that rang out go back to the queue, wrap-ups that ran out end, then waiting calls are matched with
/// available agents (<see cref="OfferRound"/>). Rows are taken with <c>FOR UPDATE SKIP LOCKED</c>: one a request is
/// changing right now is left for the pass its commit wakes. Answers when the next timer is due.
/// </summary>
public sealed class DistributionPass(
    CallCenterDatabase database, Offers offers, AgentDesk desk, DistributionMetrics metrics, IOptions<AcdOptions> options, TimeProvider clock)
{
    private const long DistributionLockKey = 0x4163644f66666572;

    /// <summary>
    /// The lock, then the floor: offers that rang out with their agents (skipped, not waited for, when a request holds
    /// either: it may hold an agent while it waits for a call we hold), wrap-ups that ran out, waiting calls, available
    /// agents, and the next timer.
    /// </summary>
    private const string FloorSql =
        """
        SELECT 1 FROM pg_advisory_xact_lock(@key);
        SELECT c.* FROM calls c JOIN agents a ON a.agent_id = c.agent_id
        WHERE c.status = 'ringing' AND c.offer_expires_at <= @now
        ORDER BY c.offer_expires_at FOR UPDATE OF c, a SKIP LOCKED;
        SELECT * FROM agents WHERE activity = 'wrap_up' AND wrap_up_ends_at <= @now FOR UPDATE SKIP LOCKED;
        SELECT * FROM calls
        WHERE status = 'queued' AND department IS NOT NULL AND (callback_not_before IS NULL OR callback_not_before <= @now)
        FOR UPDATE SKIP LOCKED;
        SELECT * FROM agents WHERE activity = 'available' FOR UPDATE SKIP LOCKED;
        SELECT LEAST(
            (SELECT min(offer_expires_at) FROM calls WHERE status = 'ringing' AND offer_expires_at IS NOT NULL),
            (SELECT min(wrap_up_ends_at) FROM agents WHERE activity = 'wrap_up'),
            (SELECT min(callback_not_before) FROM calls WHERE status = 'queued' AND callback_not_before > @now));
        """;

    public Task<DateTime?> RunAsync(CancellationToken cancellationToken) =>
        database.InTransactionAsync(async work =>
        {
            var started = clock.GetUtcNow();
            Activity? activity = null;
            // Most passes find nothing to do; they stay out of the traces. One that acts is one span, and the events
            // it writes link back to it.
            var quiet = SuppressInstrumentationScope.Begin();
            try
            {
                List<Call> rangOut, waiting;
                List<Agent> wrappedUp, free;
                DateTime? due;
                // The lock and the whole floor in one round trip: every statement reads after the lock is held.
                using (var floor = await work.QueryMultipleAsync(FloorSql, new { key = DistributionLockKey, now = clock.UtcNow() }))
                {
                    await floor.ReadAsync<int>();
                    rangOut = (await floor.ReadAsync<Call>()).ToList();
                    wrappedUp = (await floor.ReadAsync<Agent>()).ToList();
                    waiting = (await floor.ReadAsync<Call>()).ToList();
                    free = (await floor.ReadAsync<Agent>()).ToList();
                    due = await floor.ReadSingleAsync<DateTime?>();
                }

                var now = clock.UtcNow();
                // Calls that rang out rejoin the queue in their own place, in this same round.
                var matched = new OfferRound(options.Value, clock).Match(
                    waiting.Concat(rangOut.Select(call => call with { Status = CallStatus.Queued, QueuedAt = call.QueuedAt })).Select(ToWaiting),
                    free.Select(ToCandidate));
                if (rangOut.Count == 0 && wrappedUp.Count == 0 && matched.Count == 0)
                {
                    quiet.Dispose();
                    return NextDue(due, waiting, now);
                }

                quiet.Dispose();
                activity = DistributionMetrics.ActivitySource.StartActivity(
                    ActivityKind.Internal, parentContext: default, name: "distribute calls", startTime: started);
                var calls = new Dictionary<string, Call>(StringComparer.Ordinal);
                foreach (var call in rangOut)
                {
                    calls[call.CallId] = await offers.BackToQueueAsync(work, call, agentId: null);
                }

                foreach (var agent in wrappedUp)
                {
                    await desk.MoveAsync(work, agent, AgentDesk.StateOf(agent).WrapUpExpired(now), agent.CallId);
                }

                foreach (var call in waiting)
                {
                    calls[call.CallId] = call;
                }

                var agents = free.ToDictionary(agent => agent.AgentId, StringComparer.Ordinal);
                foreach (var offer in matched)
                {
                    await offers.MakeAsync(work, calls[offer.CallId], agents[offer.AgentId], offer);
                }

                activity?.SetTag("callcenter.acd.offers", matched.Count);
                activity?.SetTag("callcenter.acd.rang_out", rangOut.Count);
                activity?.SetTag("callcenter.acd.wrap_ups_ended", wrappedUp.Count);
                metrics.Passes.Add(1);
                metrics.PassDuration.Record((clock.GetUtcNow() - started).TotalMilliseconds);
                return (DateTime?)clock.UtcNow();
            }
            finally
            {
                quiet.Dispose();
                activity?.Dispose();
            }
        }, cancellationToken);

    /// <summary>The next moment a timer needs a pass: an offer's expiry, a wrap-up's end, a callback's time (read with
    /// the floor), or a waiting call's overflow.</summary>
    private DateTime? NextDue(DateTime? due, IReadOnlyList<Call> waiting, DateTime now)
    {
        var choice = new AgentChoice(options.Value);
        foreach (var call in waiting.Select(ToWaiting))
        {
            var rules = options.Value.For(call.Department);
            if (rules.OverflowTo.Count > 0 && !choice.Overflowed(call, now))
            {
                var overflowAt = call.QueuedAt + TimeSpan.FromSeconds(rules.OverflowAfterSeconds);
                due = due is { } earlier && earlier < overflowAt ? earlier : overflowAt;
            }
        }

        return due;
    }

    private static WaitingCall ToWaiting(Call call) =>
        new(call.CallId, call.Department!, call.Priority, call.QueuedAt ?? call.StartedAt) { Language = call.Language, Skill = call.Skill };

    private static AgentCandidate ToCandidate(Agent agent) =>
        new(agent.AgentId, agent.Activity, agent.ActivitySince)
        {
            Departments = [agent.Department],
            Languages = agent.Languages,
            Proficiency = agent.Skills,
        };
}
