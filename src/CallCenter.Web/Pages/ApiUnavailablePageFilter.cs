using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CallCenter.Web.Pages;

/// <summary>
/// Every page whose API is away answers 503 with Retry-After; the status code pages then show the "temporarily
/// unavailable" text in its place, at the same address, so the browser can simply ask for it again. Each such answer is
/// logged in one line with its cause (no stack: an open page asks again every few seconds while the API is away).
/// </summary>
internal sealed class ApiUnavailablePageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not ApiUnavailableException away || executed.ExceptionHandled)
        {
            return;
        }

        executed.ExceptionHandled = true;
        var request = executed.HttpContext.Request;
        executed.HttpContext.RequestServices.GetRequiredService<ILogger<ApiUnavailablePageFilter>>().LogWarning(
            "{Method} {Path} answered 503: the API was unavailable ({Cause})",
            request.Method,
            request.Path,
            away.InnerException?.Message ?? "it answered 502, 503 or 504");
        executed.HttpContext.Response.Headers.RetryAfter = ApiAvailability.Seconds(away.RetryAfter);
        executed.Result = new StatusCodeResult(StatusCodes.Status503ServiceUnavailable);
    }
}
