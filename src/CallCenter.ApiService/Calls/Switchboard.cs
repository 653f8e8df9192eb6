using CallCenter.ApiService.Agents;
using CallCenter.ApiService.Customers;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Distribution;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using CallCenter.ApiService.Stats;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CallCenter.ApiService.Calls;

/// <summary>
/// Starts, routes, transfers and ends calls. Each operation locks the call's row, checks the state machine,
/// writes the change and its event in one transaction.
/// </summary>
public sealed class Switchboard(
    CallCenterDatabase database,
    EventOutbox outbox,
    PhoneNumberParser phoneNumbers,
    IOptions<CallCenterOptions> options,
    IOptions<AcdOptions> acd,
    FloorAccess access,
    Offers offers,
    TimeProvider clock)
{
    private const string ActiveFilter = "status NOT IN ('ended', 'abandoned')";

    public async Task<Call> StartAsync(StartCallRequest request, CancellationToken cancellationToken)
    {
        var phone = phoneNumbers.ToE164(request.PhoneNumber!, "phone_number");
        while (true)
        {
            try
            {
                return await database.InTransactionAsync(work => StartAsync(work, request, phone), cancellationToken);
            }
            catch (PostgresException taken) when (taken is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "calls_pkey" })
            {
                // The number's id was already held (by a call stored before ids came from the sequence): nothing was
                // written, and the next attempt draws the next number.
            }
        }
    }

    /// <summary>
    /// The caller's customer and the call's number in one round trip; the call's row goes with the commit, so a call
    /// for a known caller costs two round trips.
    /// </summary>
    private async Task<Call> StartAsync(UnitOfWork work, StartCallRequest request, string phone)
    {
        var (customer, number) = await CustomerDirectory.FindOrCreateWithNumberAsync(
            work, phone, NameOrDefault(request.CustomerName), CallNumber.Sequence);
        var now = clock.UtcNow();
        var call = new Call
        {
            CallId = CallNumber.Format(number),
            Status = CallStatus.Initiated,
            PhoneNumber = phone,
            CustomerName = string.IsNullOrWhiteSpace(request.CustomerName) ? customer.Name : request.CustomerName.Trim(),
            CustomerId = customer.CustomerId,
            Priority = request.Priority ?? Priority.Medium,
            Language = request.Language,
            StartedAt = now,
            UpdatedAt = now,
        };

        work.AtCommit(new NpgsqlBatchCommand(
            """
            INSERT INTO calls (call_id, customer_id, customer_name, phone_number, status, priority, started_at, updated_at, language)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """)
        {
            Parameters =
            {
                new() { Value = call.CallId },
                new() { Value = call.CustomerId },
                new() { Value = call.CustomerName },
                new() { Value = call.PhoneNumber },
                new() { Value = call.Status },
                new() { Value = call.Priority },
                new() { Value = call.StartedAt },
                new() { Value = call.UpdatedAt },
                new() { Value = (object?)call.Language ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
            },
        });
        outbox.Append(work, EventTypes.CallNew, call);
        return call;
    }

    public Task<Page<Call>> ListAsync(CallListRequest request, CancellationToken cancellationToken)
    {
        var department = access.DepartmentScope(request.Department, "department");
        return database.ReadAsync(connection => connection.QueryPageAsync<Call>(
            "calls",
            $"""
            WHERE (@Status::text IS NULL AND {ActiveFilter} OR status = @Status)
              AND (@Department::text IS NULL OR department = @Department)
              AND (@AgentId::text IS NULL OR agent_id = @AgentId)
            """,
            "started_at DESC, call_id",
            new { request.Status, Department = department, request.AgentId },
            PagedQuery.ToPaging(request.Limit, request.Offset)), cancellationToken);
    }

    public Task<CallDetail> GetAsync(string callId, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            var call = await connection.QuerySingleOrDefaultAsync<Call>("SELECT * FROM calls WHERE call_id = @callId", new { callId })
                ?? throw ApiProblemException.NotFound("Call", callId);
            EnsureCanWork(call);
            var transfers = await connection.QueryAsync<CallTransfer>(
                "SELECT * FROM call_transfers WHERE call_id = @callId ORDER BY transfer_id", new { callId });
            return new CallDetail(call, [.. transfers]);
        }, cancellationToken);

    /// <summary>The department whose queue the caller sees: an agent's own, whatever they asked for.</summary>
    public string? QueueScope(QueueRequest request) => access.DepartmentScope(request.Department, "department");

    /// <summary>
    /// Waiting calls in the order they will be served (higher priority first, then longest wait): of
    /// <paramref name="department"/>, or every one.
    /// </summary>
    public Task<IReadOnlyList<QueuedCall>> QueueAsync(string? department, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<QueuedCall>>(async connection =>
        {
            var queue = await connection.QueryAsync<QueuedCall>(
                $"""
                SELECT row_number() OVER (ORDER BY {Priority.RankSql("priority")} DESC, queued_at, call_id)::integer AS position,
                       GREATEST(0, floor(extract(epoch FROM (@now - queued_at))))::integer AS wait_seconds,
                       *
                FROM calls
                WHERE status = 'queued' AND (@Department::text IS NULL OR department = @Department)
                ORDER BY position
                """,
                new { Department = department, now = clock.UtcNow() });
            return [.. queue];
        }, cancellationToken);

    public async Task<Call> ChangeStatusAsync(string callId, CallStatusRequest request, CancellationToken cancellationToken)
    {
        var status = request.Status!;
        return await database.InTransactionAsync(async work =>
        {
            var call = await LockAsync(work, callId);
            EnsureCanWork(call);
            access.EnsureIsSelf(request.AgentId, "agent_id");
            EnsureCanMove(call, status);
            if (request.AgentId is not null)
            {
                await AgentRoster.EnsureExistsAsync(work, request.AgentId, "agent_id");
            }

            if (CallStatus.IsFinal(status))
            {
                return await FinishAsync(work, call, status, cancellationToken);
            }

            var agentId = request.AgentId ?? call.AgentId;
            if (status == CallStatus.InProgress && call.Status == CallStatus.Ringing && call.OfferExpiresAt > clock.UtcNow() && agentId == call.AgentId)
            {
                // The seed's way of answering is answering the offer.
                return await offers.AcceptAsync(work, call, agentId!);
            }

            var wasTalking = call.Status is CallStatus.InProgress or CallStatus.OnHold;
            var wasOffered = call.Status == CallStatus.Ringing && call.OfferExpiresAt is not null;
            call = await offers.WithdrawAsync(work, call);
            if (wasOffered && status == CallStatus.Queued)
            {
                call = call with { AgentId = null };
            }

            if (status == CallStatus.Queued && wasTalking)
            {
                await offers.ReleaseAgentAsync(work, call);
            }
            else if (status is CallStatus.InProgress or CallStatus.OnHold && agentId is not null)
            {
                await offers.TakeByHandAsync(work, call, agentId);
            }

            var now = clock.UtcNow();
            var updated = call with
            {
                Status = status,
                AgentId = request.AgentId ?? call.AgentId,
                QueuedAt = status == CallStatus.Queued ? now : call.QueuedAt,
                AnsweredAt = status == CallStatus.InProgress ? call.AnsweredAt ?? now : call.AnsweredAt,
                UpdatedAt = now,
            };
            await SaveAsync(work, updated);
            await QueueVisitOf(work, updated, now);
            outbox.Append(work, EventTypes.CallUpdated, updated, new { previous_status = call.Status });
            return updated;
        }, cancellationToken);
    }

    /// <summary>Sends a call to a department's queue.</summary>
    public async Task<Call> RouteAsync(string callId, RouteCallRequest request, CancellationToken cancellationToken)
    {
        var department = options.Value.EnsureDepartment(request.Department, "department");
        return await database.InTransactionAsync(async work =>
        {
            var call = await LockAsync(work, callId);
            if (call.Department is not null)
            {
                // A call not yet routed is nobody's: whoever answered the line sends it on.
                EnsureCanWork(call);
            }

            if (call.Status != CallStatus.Queued)
            {
                EnsureCanMove(call, CallStatus.Queued);
            }

            if (call.Status is CallStatus.InProgress or CallStatus.OnHold)
            {
                await offers.ReleaseAgentAsync(work, call);
            }

            call = await offers.WithdrawAsync(work, call);
            var now = clock.UtcNow();
            var routed = call with
            {
                Status = CallStatus.Queued,
                Department = department,
                Priority = request.Priority ?? call.Priority,
                Skill = request.Skill,
                AgentId = null,
                QueuedAt = call.Status == CallStatus.Queued ? call.QueuedAt : now,
                UpdatedAt = now,
            };
            await SaveAsync(work, routed);
            await QueueVisits.QueuedAsync(work, routed.CallId, department, now);
            outbox.Append(work, EventTypes.CallRouted, routed);
            return routed;
        }, cancellationToken);
    }

    /// <summary>
    /// Hands a call to another department or agent: to an agent it rings; to a department it waits in that
    /// department's queue. The transfer is recorded.
    /// </summary>
    public async Task<(Call Call, CallTransfer Transfer)> TransferAsync(string callId, TransferCallRequest request, CancellationToken cancellationToken)
    {
        if (request.TargetDepartment is null && request.AgentId is null)
        {
            throw ApiProblemException.Invalid("target_department", "name a target department, an agent_id, or both.");
        }

        var requestedDepartment = request.TargetDepartment is null ? null : options.Value.EnsureDepartment(request.TargetDepartment, "target_department");
        return await database.InTransactionAsync(async work =>
        {
            var call = await LockAsync(work, callId);
            EnsureCanWork(call);
            if (CallStatus.IsFinal(call.Status) || call.Status == CallStatus.Initiated)
            {
                throw ApiProblemException.Conflict(
                    $"Call '{call.CallId}' is {call.Status}; only a queued, ringing, in-progress or held call can be transferred.");
            }

            var agent = request.AgentId is null
                ? null
                : await AgentRoster.EnsureExistsAsync(work, request.AgentId, "agent_id");
            if (call.Status is CallStatus.InProgress or CallStatus.OnHold)
            {
                await offers.ReleaseAgentAsync(work, call);
            }

            call = await offers.WithdrawAsync(work, call);
            var now = clock.UtcNow();
            var transfer = new CallTransfer
            {
                CallId = call.CallId,
                FromDepartment = call.Department,
                ToDepartment = requestedDepartment ?? agent!.Department,
                FromAgent = call.AgentId,
                ToAgent = agent?.AgentId,
                TransferredAt = now,
            };
            var transferred = call with
            {
                Status = agent is null ? CallStatus.Queued : CallStatus.Ringing,
                Department = transfer.ToDepartment,
                AgentId = agent?.AgentId,
                QueuedAt = agent is null ? now : call.QueuedAt,
                UpdatedAt = now,
            };
            await work.ExecuteAsync(
                """
                INSERT INTO call_transfers (call_id, from_department, to_department, from_agent, to_agent, transferred_at)
                VALUES (@CallId, @FromDepartment, @ToDepartment, @FromAgent, @ToAgent, @TransferredAt)
                """,
                transfer);
            await SaveAsync(work, transferred);
            await QueueVisits.QueuedAsync(work, transferred.CallId, transferred.Department, now, transferIn: true);
            outbox.Append(work, EventTypes.CallTransferred, transferred, new
            {
                from_department = transfer.FromDepartment,
                to_department = transfer.ToDepartment,
                from_agent = transfer.FromAgent,
                to_agent = transfer.ToAgent,
            });
            if (agent is not null)
            {
                // To an available agent the transfer rings as an offer, with its timer; to a busy one it waits on their desk.
                var target = await AgentDesk.LockAsync(work, agent.AgentId);
                if (target.Activity == AgentActivity.Available)
                {
                    var offer = new Offer(call.CallId, target.AgentId, transferred.QueuedAt ?? now, now, now + acd.Value.RingTimeout);
                    transferred = await offers.MakeAsync(work, transferred, target, offer);
                }
            }

            return (transferred, transfer);
        }, cancellationToken);
    }

    public Task<Call> EndAsync(string callId, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async work =>
        {
            var call = await LockAsync(work, callId);
            EnsureCanWork(call);
            EnsureCanMove(call, CallStatus.Ended);
            return await FinishAsync(work, call, CallStatus.Ended, cancellationToken);
        }, cancellationToken);

    private async Task<Call> FinishAsync(UnitOfWork work, Call call, string status, CancellationToken cancellationToken)
    {
        // A call that ends while ringing frees its agent; one that ends on an agent sends them to wrap-up.
        call = await offers.WithdrawAsync(work, call);
        await offers.ReleaseAgentAsync(work, call);
        var now = clock.UtcNow();
        var finished = call with
        {
            Status = status,
            EndedAt = now,
            Duration = (int)Math.Max(0, Math.Round((now - call.StartedAt).TotalSeconds)),
            UpdatedAt = now,
        };
        await SaveAsync(work, finished);
        await QueueVisits.AbandonedAsync(work, finished.CallId, now);
        outbox.Append(work, EventTypes.CallEnded, finished);
        return finished;
    }

    /// <summary>A status set by hand: back in a queue opens a visit there; taken by an agent answers the waiting one.</summary>
    private static Task QueueVisitOf(UnitOfWork work, Call call, DateTime at) => call.Status switch
    {
        CallStatus.Queued => QueueVisits.QueuedAsync(work, call.CallId, call.Department, at),
        CallStatus.InProgress or CallStatus.OnHold => QueueVisits.AnsweredAsync(work, call.CallId, at),
        _ => Task.CompletedTask,
    };

    internal static async Task<Call> LockAsync(UnitOfWork work, string callId) =>
        await work.QuerySingleOrDefaultAsync<Call>(
            "SELECT * FROM calls WHERE call_id = @callId FOR UPDATE", new { callId })
        ?? throw ApiProblemException.NotFound("Call", callId);

    internal static Task SaveAsync(UnitOfWork work, Call call) =>
        work.ExecuteAsync(
            """
            UPDATE calls SET status = @Status, priority = @Priority, department = @Department, agent_id = @AgentId,
                             queued_at = @QueuedAt, answered_at = @AnsweredAt, ended_at = @EndedAt, duration = @Duration,
                             updated_at = @UpdatedAt, offer_expires_at = @OfferExpiresAt, disposition = @Disposition, skill = @Skill,
                             callback_number = @CallbackNumber, callback_not_before = @CallbackNotBefore,
                             callback_attempts = @CallbackAttempts
            WHERE call_id = @CallId
            """,
            call);

    internal void EnsureCanWork(Call call) => access.EnsureCanWork("call", call.CallId, call.Department, call.AgentId);

    private static void EnsureCanMove(Call call, string status)
    {
        if (call.Status == status && CallStatus.IsFinal(status))
        {
            throw ApiProblemException.Conflict($"Call '{call.CallId}' has already {(status == CallStatus.Ended ? "ended" : "been abandoned")}.");
        }

        if (!CallStatus.CanMove(call.Status, status))
        {
            var next = CallStatus.NextFrom(call.Status);
            throw ApiProblemException.Conflict(
                $"status: call '{call.CallId}' cannot move from {call.Status} to {status}"
                + (next.Count == 0 ? "; it is over." : $"; from {call.Status} it can move to {string.Join(", ", next)}."));
        }
    }

    private static string NameOrDefault(string? name) => string.IsNullOrWhiteSpace(name) ? "Unknown caller" : name.Trim();
}
