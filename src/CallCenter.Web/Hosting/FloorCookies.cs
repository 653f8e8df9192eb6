namespace CallCenter.Web.Hosting;

/// <summary>The app's own cookies: never read by script, never sent by other sites, Secure whenever the request is HTTPS.</summary>
internal static class FloorCookies
{
    public const string SignIn = "callcenter.floor";
    public const string Antiforgery = "callcenter.antiforgery";
    public const string TempData = "callcenter.tempdata";

    /// <summary>
    /// Strict rather than Lax: sign-in and its redirects stay on this site, so Strict costs nothing there; a link
    /// from another site to a page lands on the sign-in page first, which is the price of never riding along.
    /// </summary>
    public static void Harden(this CookieBuilder cookie, string name)
    {
        cookie.Name = name;
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
        // Not Always: antiforgery then refuses every plain-http request, which is how a local Production run is served.
        // Where TLS is in front, requests are HTTPS (directly, or as a trusted proxy forwards them) or are redirected
        // there before any page sets a cookie, so every cookie that matters is Secure.
        cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    }
}
