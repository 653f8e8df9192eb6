using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CallCenter.Web.Pages;

/// <summary>
/// Every page whose API is away answers 503 with Retry-After; the status code pages then show the "temporarily
/// unavailable" text in its place, at the same address, so the browser can simply ask for it again.
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
        executed.HttpContext.Response.Headers.RetryAfter = ApiAvailability.Seconds(away.RetryAfter);
        executed.Result = new StatusCodeResult(StatusCodes.Status503ServiceUnavailable);
    }
}
