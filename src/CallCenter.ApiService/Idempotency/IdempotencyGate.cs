using System.Runtime.ExceptionServices;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CallCenter.ApiService.Idempotency;

/// <summary>
/// After the caller is known: claims the request's key, or answers from it without running the request (a replay,
/// 422 for another request under the same key, 409 while the first still runs).
/// </summary>
internal sealed class IdempotencyGate(
    RequestDelegate next,
    IdempotencyStore store,
    KeyClaims claims,
    IProblemDetailsService problems,
    IOptions<IdempotencyOptions> options,
    TimeProvider clock,
    ILogger<IdempotencyGate> logger)
{
    /// <summary>The <c>outcome</c> of an answer-lost 409: unlike a 503's <c>unknown</c>, this write is known to stand.</summary>
    public const string OutcomeWritten = "written";

    /// <summary>Claim attempts when the row changes between looks (released, expired, lapsed); then it counts as still running.</summary>
    private const int ClaimAttempts = 3;

    /// <summary>
    /// A request without a key goes straight on, not through an awaiting frame: a live-update socket is a request
    /// that lasts hours, and every frame it passes through is held that long (bench/README.md, sockets).
    /// </summary>
    public Task InvokeAsync(HttpContext context) =>
        context.Features.Get<IdempotentExchange>() is { } exchange && context.GetEndpoint() is { } endpoint
        && FloorCaller.FromPrincipal(context.User) is { KeyId: { } keyId } caller
            ? GuardAsync(context, exchange, endpoint, keyId, caller)
            : next(context);

    private async Task GuardAsync(HttpContext context, IdempotentExchange exchange, Endpoint endpoint, string keyId, FloorCaller caller)
    {
        if (endpoint.Metadata.GetMetadata<AnswerCarriesSecret>() is not null)
        {
            throw ApiProblemException.Invalid(IdempotencyKeyHeader.Name,
                "this answer carries a secret, which is never stored, so it cannot be replayed; send the request without it.");
        }

        var (key, error) = IdempotencyKeyHeader.Parse(context.Request.Headers[IdempotencyKeyHeader.Name]);
        if (key is null)
        {
            throw ApiProblemException.Invalid(IdempotencyKeyHeader.Name, error!);
        }

        var fingerprint = RequestFingerprint.Compute(
            context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", await ReadBodyAsync(context.Request));
        // The Web app's one key acts for many people: each of them has keys of their own.
        var scope = caller.ActingUser is { } person ? $"{keyId}/{person}" : keyId;
        var claim = new KeyClaim(scope, key, Guid.NewGuid());
        if (endpoint.Metadata.GetMetadata<WritesThroughUnitsOfWork>() is not null)
        {
            await RunAlongsideClaimAsync(context, exchange, claim, fingerprint);
            return;
        }

        var taken = await TakeAsync(claim, fingerprint, context.RequestAborted);
        if (!taken.Held)
        {
            await AnswerAsync(context, taken.Verdict, taken.Stored);
            return;
        }

        exchange.Claim = claim;
        claims.Enter(claim);
        await next(context);
    }

    /// <summary>
    /// Runs the write while its key is being claimed; its commits wait for the claim (see <see cref="WritesThroughUnitsOfWork"/>).
    /// A request that did not get the key committed nothing, and answers as the key says instead of as it ran.
    /// </summary>
    private async Task RunAlongsideClaimAsync(HttpContext context, IdempotentExchange exchange, KeyClaim claim, byte[] fingerprint)
    {
        var taking = TakeAsync(claim, fingerprint, context.RequestAborted);
        claim.HeldWhen(HeldAsync(taking));
        claims.Enter(claim);
        ExceptionDispatchInfo? failed = null;
        try
        {
            await next(context);
        }
        catch (Exception exception)
        {
            failed = ExceptionDispatchInfo.Capture(exception);
        }

        var taken = await taking;
        if (taken.Held)
        {
            exchange.Claim = claim;
            failed?.Throw();
            return;
        }

        context.Response.Clear();
        await AnswerAsync(context, taken.Verdict, taken.Stored);
    }

    private static async Task<bool> HeldAsync(Task<KeyTaking> taking) => (await taking).Held;

    /// <summary>Claims the key, or learns what the request that holds it says (retrying when the row changes between looks).</summary>
    private async Task<KeyTaking> TakeAsync(KeyClaim claim, byte[] fingerprint, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ClaimAttempts; attempt++)
        {
            if (await ClaimAsync(claim, fingerprint, cancellationToken) is { } takenOver)
            {
                if (takenOver)
                {
                    logger.LogInformation("Idempotency-Key {Key}: a claim whose lease ran out before any commit was taken over; the request runs", claim.Key);
                }

                return new KeyTaking(true, KeyVerdict.Claim, null);
            }

            var stored = await store.FindAsync(claim.Scope, claim.Key, cancellationToken);
            var verdict = KeyDecision.Decide(stored, fingerprint);
            if (verdict == KeyVerdict.AnswerComing)
            {
                (verdict, stored) = await AwaitAnswerAsync(claim.Scope, claim.Key, fingerprint, cancellationToken);
            }

            if (verdict != KeyVerdict.Claim)
            {
                return new KeyTaking(false, verdict, stored);
            }
        }

        return new KeyTaking(false, KeyVerdict.StillRunning, null);
    }

    /// <summary>
    /// The first request is written and its answer is being stored as it is sent, so a client that repeats at once
    /// can get here first: look again, more slowly each time, for at most <see cref="IdempotencyOptions.AnswerWait"/>.
    /// </summary>
    private async Task<(KeyVerdict Verdict, StoredKey? Stored)> AwaitAnswerAsync(string scope, string key, byte[] fingerprint, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(5);
        while (clock.GetElapsedTime(started) + pause <= options.Value.AnswerWait)
        {
            await Task.Delay(pause, clock, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 100));
            var stored = await store.FindAsync(scope, key, cancellationToken);
            var verdict = KeyDecision.Decide(stored, fingerprint);
            if (verdict != KeyVerdict.AnswerComing)
            {
                return (verdict, stored);
            }
        }

        return (KeyVerdict.StillRunning, null);
    }

    /// <summary>A claim PostgreSQL could not take was not run: the client may retry it as it is.</summary>
    private async Task<bool?> ClaimAsync(KeyClaim claim, byte[] fingerprint, CancellationToken cancellationToken)
    {
        try
        {
            return await store.TryClaimAsync(claim, fingerprint, cancellationToken);
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception) && exception is not InterruptedWriteException)
        {
            throw new InterruptedWriteException(mayHaveCommitted: false, exception);
        }
    }

    /// <summary>The body, read once (it is at most the request size limit) and put back for the endpoint.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        var bytes = body.ToArray();
        request.Body = new MemoryStream(bytes, writable: false);
        return bytes;
    }

    private Task AnswerAsync(HttpContext context, KeyVerdict verdict, StoredKey? stored)
    {
        if (verdict == KeyVerdict.Replay)
        {
            context.Response.StatusCode = stored!.Status!.Value;
            context.Response.ContentType = stored.ContentType;
            context.Response.Headers[IdempotencyKeyHeader.ReplayedHeader] = "true";
            return context.Response.Body.WriteAsync(stored.Body ?? []).AsTask();
        }

        var problem = verdict switch
        {
            KeyVerdict.Mismatch => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Idempotency-Key reused",
                Detail = $"{IdempotencyKeyHeader.Name}: this key was used for a different request (method, path, query or body); use a new key for a new request.",
            },
            KeyVerdict.AnswerLost => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Idempotency-Key answer lost",
                Detail = $"{IdempotencyKeyHeader.Name}: the first request with this key was written, but the replica serving it stopped before its answer was stored. It will not run again; look its result up instead.",
                Extensions = { [ApiProblemExceptionHandler.OutcomeExtension] = OutcomeWritten },
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Idempotency-Key in use",
                Detail = $"{IdempotencyKeyHeader.Name}: the first request with this key is still running; retry after the time in Retry-After to get its answer.",
            },
        };
        if (verdict == KeyVerdict.StillRunning)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = "1";
        }

        context.Response.StatusCode = problem.Status!.Value;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}

/// <summary>Whether a request got its key, and if not, what the key says to answer.</summary>
internal readonly record struct KeyTaking(bool Held, KeyVerdict Verdict, StoredKey? Stored);
