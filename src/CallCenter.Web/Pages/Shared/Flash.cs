namespace CallCenter.Web.Pages.Shared;

/// <summary>TempData keys for the line a page shows after it redirects.</summary>
public static class Flash
{
    public const string Notice = "flash-notice";
    public const string Problem = "flash-problem";
}
