using CallCenter.ApiService.Data;
using Microsoft.AspNetCore.Http.Features;
using Npgsql;

namespace CallCenter.ApiService.Idempotency;

/// <summary>
/// Outermost part of idempotent writes: buffers the answer of a request that sent a key, and once everything inside
/// (the exception handler's ProblemDetails included) has written it, stores it under the request's claim, or
/// releases the claim after a 5xx, and sends it. The answer to a committed write is stored while it is sent, off the
/// client's wait (a repeat that races it waits for it: <see cref="KeyVerdict.AnswerComing"/>); any other answer is
/// settled before it is sent.
/// </summary>
internal sealed class AnswerRecorder(RequestDelegate next, IdempotencyStore store, ILogger<AnswerRecorder> logger)
{
    /// <summary>A request without a key goes straight on, holding no frame of ours (see <see cref="IdempotencyGate"/>).</summary>
    public Task InvokeAsync(HttpContext context) =>
        IdempotentExchange.Applies(context.Request) ? RecordAsync(context) : next(context);

    private async Task RecordAsync(HttpContext context)
    {
        var exchange = new IdempotentExchange();
        context.Features.Set(exchange);
        var sending = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        await using var answer = new MemoryStream();
        context.Response.Body = answer;
        try
        {
            await next(context);
        }
        catch
        {
            if (exchange.Claim is { } failed)
            {
                await SettleAsync(failed, StatusCodes.Status500InternalServerError, null, []);
            }

            throw;
        }
        finally
        {
            context.Features.Set(sending);
        }

        var storing = Task.CompletedTask;
        if (exchange.Claim is { } claim)
        {
            storing = SettleAsync(claim, context.Response.StatusCode, context.Response.ContentType, answer.ToArray());
            if (!(claim.Written && KeyDecision.IsStored(context.Response.StatusCode)))
            {
                // Nothing stands under the key yet: a retry must find the answer (or the key free) once this one has it.
                await storing;
            }
        }

        try
        {
            if (answer.Length > 0)
            {
                context.Response.ContentLength = answer.Length;
                answer.Position = 0;
                await answer.CopyToAsync(context.Response.Body, context.RequestAborted);
            }
        }
        finally
        {
            await storing;
        }
    }

    /// <summary>
    /// Not cancelled with the request: a client that gave up is the one most likely to retry. A failure here leaves
    /// the claim as it was; the lease rules make that safe (see <see cref="KeyDecision"/>).
    /// </summary>
    private async Task SettleAsync(KeyClaim claim, int status, string? contentType, byte[] answer)
    {
        claim.Close();
        try
        {
            if (KeyDecision.IsStored(status))
            {
                await store.CompleteAsync(claim, status, contentType, answer, CancellationToken.None);
            }
            else
            {
                await store.ReleaseAsync(claim, CancellationToken.None);
            }
        }
        catch (Exception exception) when (exception is NpgsqlException || DatabaseFailures.IsUnavailable(exception))
        {
            logger.LogWarning(exception, "The answer ({Status}) to Idempotency-Key {Key} could not be settled; its lease decides what a retry gets", status, claim.Key);
        }
    }
}
