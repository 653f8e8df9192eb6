using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace CallCenter.Gateway;

/// <summary>
/// When no replica could answer — none is up, or the one chosen died under the request — the client gets what the
/// API itself answers when PostgreSQL is away: a 503 ProblemDetails with <c>Retry-After</c>, and for a write whether
/// it was written (<c>not_written</c> when it never reached a replica, <c>unknown</c> when the replica died holding it).
/// Never a 502 and never a wait for a dead replica to come back.
/// </summary>
internal sealed class UnavailableAnswer(IProblemDetailsService problemDetails, IOptions<GatewayOptions> options, ILogger<UnavailableAnswer> logger)
{
    /// <summary>The gateway's own name in <c>X-Served-By</c> when it answers for the API.</summary>
    public const string ServedBy = "gateway";

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        await next();
        if (context.Features.Get<IForwarderErrorFeature>() is not { } failure || context.Response.HasStarted)
        {
            return;
        }

        var reachedReplica = failure.Error != ForwarderError.NoAvailableDestinations && !NeverSent(failure.Exception);
        logger.LogWarning(
            failure.Exception, "No API replica answered {Method} {Path} ({Error}); answered 503", context.Request.Method, context.Request.Path, failure.Error);
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers[HeaderNames.RetryAfter] = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-Served-By"] = ServedBy;
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service unavailable",
            Detail = "No API replica can answer right now; retry after the time in Retry-After.",
            Extensions = { ["unavailable"] = "api" },
        };
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            details.Extensions["outcome"] = reachedReplica ? "unknown" : "not_written";
            if (reachedReplica)
            {
                details.Detail = "The API replica handling this write went away before it answered: the write may or may not stand. Check before writing it again.";
            }
        }

        await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details });
    }

    /// <summary>A refused connection means the request never left the gateway.</summary>
    private static bool NeverSent(Exception? exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }
}
