using CallCenter.Web.Pages.Shared;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CallCenter.Web.Pages;

/// <summary>What every floor page does alike: act through the API, then redirect, telling what happened.</summary>
public abstract class FloorPageModel : PageModel
{
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
}
