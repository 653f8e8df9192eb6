namespace CallCenter.Web.Hosting;

/// <summary>The app's own cookies: never read by script, never sent by other sites, over HTTPS only outside Development.</summary>
internal static class FloorCookies
{
    public const string SignIn = "callcenter.floor";
    public const string Antiforgery = "callcenter.antiforgery";
    public const string TempData = "callcenter.tempdata";

    /// <summary>
    /// Strict rather than Lax: sign-in and its redirects stay on this site, so Strict costs nothing there; a link
    /// from another site to a page lands on the sign-in page first, which is the price of never riding along.
    /// </summary>
    public static void Harden(this CookieBuilder cookie, string name, IHostEnvironment environment)
    {
        cookie.Name = name;
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
        // Development runs on plain http; everywhere else HTTPS redirection is on, so Always loses nothing.
        cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    }
}
