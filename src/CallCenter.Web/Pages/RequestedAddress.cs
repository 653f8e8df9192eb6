using Microsoft.AspNetCore.Diagnostics;

namespace CallCenter.Web.Pages;

/// <summary>
/// The address the browser asked for, also while the status code pages render /Error in its place: links back and
/// the language switch must lead there, not to the error page.
/// </summary>
public static class RequestedAddress
{
    public static string Of(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is { } original
            ? $"{original.OriginalPathBase}{original.OriginalPath}{original.OriginalQueryString}"
            : $"{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";

    /// <summary>The page itself, without a form handler's query, for a plain link back after a failed post.</summary>
    public static string PageOf(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is { } original
            ? $"{original.OriginalPathBase}{original.OriginalPath}"
            : $"{context.Request.PathBase}{context.Request.Path}";
}
