using CallCenter.Web.Pages.Shared;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CallCenter.Web.Pages;

/// <summary>What every floor page does alike: act through the API, then redirect, telling what happened.</summary>
public abstract class FloorPageModel : PageModel
{
    /// <summary>Handlers the pages' scripts fetch: a refusal is their status, not a redirect to the error page.</summary>
    private static readonly HashSet<string> ScriptHandlers = ["Snapshot", "Figures"];

    /// <summary>Runs an action against the API and redirects back (post–redirect–get), with the API's refusal shown if any.</summary>
    protected async Task<IActionResult> ActAsync(Func<Task> action, object? routeValues = null)
    {
        try
        {
            await action();
        }
        catch (ApiProblemException problem)
        {
            TempData[Flash.Problem] = problem.Detail;
        }

        return RedirectToPage(routeValues);
    }

    /// <summary>The page's data as JSON, for its script to catch up after (re)connecting to live updates.</summary>
    protected static JsonResult Snapshot(object value) => new(value, ApiJson.Options);

    /// <summary>
    /// What the API refused while a page loaded: an unknown id is this page's 404, a script's snapshot or figures get the
    /// status, and anything else (a failure of the API's own) is told in its words on the error page. An API that is away
    /// is no <see cref="ApiProblemException"/>: <see cref="ApiUnavailablePageFilter"/> answers for it.
    /// </summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not ApiProblemException problem || executed.ExceptionHandled)
        {
            return;
        }

        executed.ExceptionHandled = true;
        if (problem.Status == System.Net.HttpStatusCode.NotFound || ScriptHandlers.Contains(Request.Query["handler"].ToString()))
        {
            executed.Result = StatusCode((int)problem.Status);
            return;
        }

        TempData[Flash.Problem] = problem.Detail;
        executed.Result = RedirectToPage("/Error");
    }
}
