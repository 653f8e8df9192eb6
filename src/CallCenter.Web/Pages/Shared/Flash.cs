namespace CallCenter.Web.Pages.Shared;

/// <summary>TempData key for the line a page shows after it redirects: why the API refused what was asked.</summary>
public static class Flash
{
    public const string Problem = "flash-problem";
}
