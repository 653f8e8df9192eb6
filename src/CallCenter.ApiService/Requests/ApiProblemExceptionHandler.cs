using System.Globalization;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Distribution;
using CallCenter.ApiService.Stats;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Polly.CircuitBreaker;

namespace CallCenter.ApiService.Requests;

internal sealed class ApiProblemExceptionHandler(
    IProblemDetailsService problemDetails, DatabaseCircuit database, ILogger<ApiProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The <c>unavailable</c> extension of a 503: which dependency is away.</summary>
    public const string UnavailableExtension = "unavailable";

    /// <summary>The <c>outcome</c> extension of a write's 503: whether anything was written.</summary>
    public const string OutcomeExtension = "outcome";
    public const string OutcomeNotWritten = "not_written";
    public const string OutcomeUnknown = "unknown";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (DatabaseFailures.IsUnavailable(exception))
        {
            // The open circuit says why once, when it opens (Polly's telemetry); what got this far is the cause.
            if (exception is not BrokenCircuitException)
            {
                logger.LogWarning(exception, "PostgreSQL could not serve {Method} {Path}; answered 503", httpContext.Request.Method, httpContext.Request.Path);
            }

            database.Observe(exception);
            return await WriteUnavailableAsync(httpContext, exception);
        }

        var problem = exception switch
        {
            ApiProblemException api => api,
            // The distribution rules' refusals: a move the floor's current state does not allow.
            AcdRuleException rule => new ApiProblemException(
                StatusCodes.Status409Conflict, "Conflict with the current state", rule.Message,
                new Dictionary<string, string[]> { [rule.Field] = [rule.Message] }),
            // A report the figures cannot be computed for: a range, interval, department or agent that is not one.
            StatsRuleException rule => ApiProblemException.Invalid(rule.Field, rule.Reason),
            // Kestrel's own refusals: a body over the size limit, a malformed request line or header.
            BadHttpRequestException bad => new ApiProblemException(bad.StatusCode, "Bad request", bad.Message),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.StatusCode;
        var details = problem.Errors is null
            ? new ProblemDetails()
            : new ValidationProblemDetails(problem.Errors.ToDictionary(error => error.Key, error => error.Value));
        details.Status = problem.StatusCode;
        details.Title = problem.Title;
        details.Detail = problem.Detail;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = details,
            Exception = exception,
        });
    }

    /// <summary>
    /// PostgreSQL is away: a 503 the client may retry after the circuit's break. A write also says whether it was
    /// written: <c>not_written</c> when it failed before its commit was sent, <c>unknown</c> when the connection died
    /// during the commit (only an idempotent retry settles that case; issue 15).
    /// </summary>
    private async ValueTask<bool> WriteUnavailableAsync(HttpContext httpContext, Exception exception)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers[HeaderNames.RetryAfter] =
            ((int)database.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service unavailable",
            Detail = "PostgreSQL, where the call center keeps its records, cannot be reached right now; retry after the time in Retry-After.",
            Extensions = { [UnavailableExtension] = DatabaseHealthCheck.Name },
        };
        // Said only where it is known: a refusal by the open circuit (no connection was made), or a unit of work
        // interrupted before or during its commit.
        var mayHaveCommitted = exception switch
        {
            BrokenCircuitException => false,
            InterruptedWriteException interrupted => interrupted.MayHaveCommitted,
            _ => (bool?)null,
        };
        if (mayHaveCommitted is { } unknown && !HttpMethods.IsGet(httpContext.Request.Method))
        {
            details.Extensions[OutcomeExtension] = unknown ? OutcomeUnknown : OutcomeNotWritten;
            if (unknown)
            {
                details.Detail = "PostgreSQL went away while this write was being committed: it may or may not stand. Check before writing it again.";
            }
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = details,
            Exception = exception,
        });
    }
}
