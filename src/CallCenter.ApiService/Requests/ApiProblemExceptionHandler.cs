using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CallCenter.ApiService.Requests;

internal sealed class ApiProblemExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ApiProblemException api => api,
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
}
