using CallCenter.Web.LiveUpdates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CallCenter.Web.SignIn;

/// <summary>
/// The sign-in cookie on every request: it must still speak for a person the API knows and has not disabled, with
/// the role and security stamp it was issued for; otherwise it is refused and removed, so a role change, a password
/// reset or disabling signs that person out everywhere.
/// </summary>
internal sealed class FloorCookieEvents(FloorPeople people) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is { } principal && await people.IsCurrentAsync(principal, context.HttpContext.RequestAborted))
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
