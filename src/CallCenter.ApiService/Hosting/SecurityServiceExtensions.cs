using CallCenter.ApiService.Security;
using Microsoft.AspNetCore.Authorization;

namespace CallCenter.ApiService.Hosting;

internal static class SecurityServiceExtensions
{
    public const string ExposedHeaders = "X-Served-By, Retry-After, Idempotent-Replayed";

    public static IHostApplicationBuilder AddFloorSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<FloorCallers>();
        builder.Services.AddSingleton<FloorAccess>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<SocketTicketBook>();
        builder.Services.AddSingleton<SocketAdmission>();
        builder.Services.AddSingleton<FloorRateLimits>();

        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            // Every endpoint needs a floor role unless it says otherwise, so a new endpoint cannot be left open.
            .SetFallbackPolicy(Policy(FloorRoles.Admin, FloorRoles.Supervisor, FloorRoles.Agent, FloorRoles.Integration))
            .AddPolicy(FloorPolicies.Supervision, Policy(FloorRoles.Supervisors))
            .AddPolicy(FloorPolicies.Administration, Policy(FloorRoles.Admin))
            .AddPolicy(FloorPolicies.WebApp, Policy(FloorRoles.Web))
            .AddPolicy(FloorPolicies.SignedInPerson, new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
                .RequireRole(FloorRoles.People).RequireClaim(FloorCaller.ActingUserClaim).Build());

        var allowedOrigins = builder.Configuration.GetSection($"{SecurityOptions.SectionName}:{nameof(SecurityOptions.AllowedOrigins)}").Get<string[]>() ?? [];
        var anyOrigin = builder.Environment.IsDevelopment();
        builder.Services.AddCors(options => options.AddDefaultPolicy(policy =>
        {
            // Credentials are bearer keys, never cookies, so any origin in Development gives nothing away.
            if (anyOrigin)
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(allowedOrigins);
            }

            policy.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders(ExposedHeaders.Split(", "));
        }));

        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = System.Threading.RateLimiting.PartitionedRateLimiter.Create<HttpContext, string>(
                context => context.RequestServices.GetRequiredService<FloorRateLimits>().PartitionFor(context));
            options.OnRejected = FloorRateLimits.OnRejectedAsync;
        });

        if (!builder.Environment.IsDevelopment())
        {
            builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        }

        return builder;
    }

    /// <summary>Who is calling, how often, and whether they may: in that order, before any endpoint runs.</summary>
    public static WebApplication UseFloorSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    private static AuthorizationPolicy Policy(params string[] roles) =>
        new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireRole(roles).Build();
}
