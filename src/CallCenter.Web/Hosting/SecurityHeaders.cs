using Microsoft.Extensions.Options;

namespace CallCenter.Web.Hosting;

/// <summary>Puts <see cref="SecurityHeadersOptions"/> and the fixed safety headers on every response.</summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<SecurityHeadersOptions>>().Value;
        return app.Use((context, next) =>
        {
            // Set as the response starts, so pages rewritten by the exception handler (which clears headers) keep them.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = options.ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = options.ReferrerPolicy;
                headers["Permissions-Policy"] = options.PermissionsPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
