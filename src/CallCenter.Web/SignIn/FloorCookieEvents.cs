using CallCenter.Web.LiveUpdates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CallCenter.Web.SignIn;

/// <summary>
/// The sign-in cookie on every request: it must still speak for a person the store knows, with the role it was
/// issued for; otherwise it is refused and removed, so a role change or removal signs that person out everywhere.
/// </summary>
internal sealed class FloorCookieEvents(FloorUserStore users) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is { } principal && users.IsCurrent(principal))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }

    /// <summary>A socket cannot follow a redirect to the sign-in page: it gets a plain 401.</summary>
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (context.Request.Path.StartsWithSegments(LiveUpdatesRelay.Path))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        return base.RedirectToLogin(context);
    }
}
