using CallCenter.Web.Floor;
using CallCenter.Web.LiveUpdates;
using CallCenter.Web.Localization;
using CallCenter.Web.Pages;
using CallCenter.Web.Services;
using CallCenter.Web.SignIn;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Hosting;

internal static class WebServiceExtensions
{
    public static IHostApplicationBuilder AddFloorServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FloorOptions>().BindConfiguration(FloorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.AddCallCenterApi();
        builder.AddFloorSignIn();
        builder.AddFloorSecurity();
        builder.Services.AddSingleton<LiveUpdatesRelay>();

        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(FloorCultures.English).AddSupportedCultures(FloorCultures.All).AddSupportedUICultures(FloorCultures.All);
            // The language switch's cookie wins over the browser's Accept-Language.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        builder.Services.AddRazorPages(options =>
            {
                options.Conventions.ConfigureFilter(new ApiUnavailablePageFilter());
                options.Conventions.AuthorizeFolder("/");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.AllowAnonymousToFolder("/Account");
                options.Conventions.AllowAnonymousToPage("/Language/Index");
                options.Conventions.AuthorizeFolder("/AgentDesk", FloorRoles.AgentsOnly);
                options.Conventions.AuthorizeFolder("/Wallboard", FloorRoles.SupervisorsOnly);
                options.Conventions.AuthorizeFolder("/Reports", FloorRoles.SupervisorsOnly);
                // Playing a caller needs the call's page whatever its department, which is a supervisor's view.
                options.Conventions.AuthorizeFolder("/CustomerLine", FloorRoles.SupervisorsOnly);
                options.Conventions.AuthorizeFolder("/People", FloorRoles.AdminsOnly);
                options.Conventions.AuthorizeFolder("/Webhooks", FloorRoles.AdminsOnly);
                options.Conventions.AuthorizeFolder("/Sla", FloorRoles.AdminsOnly);
                options.Conventions.AuthorizePage("/Account/Password");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(UiText)));
        return builder;
    }

    private static void AddCallCenterApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CallCenterApiOptions>()
            .BindConfiguration(CallCenterApiOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        void UseApi(IServiceProvider services, HttpClient http) =>
            http.BaseAddress = services.GetRequiredService<IOptions<CallCenterApiOptions>>().Value.BaseAddress;
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ApiCredentials>();
        builder.Services.AddTransient<ActingPersonHandler>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiOutage>();
        builder.Services.AddTransient<ApiOutageHandler>();
        builder.Services.AddHttpClient<CallsClient>(UseApi).AddHttpMessageHandler<ActingPersonHandler>().AddApiResilience();
        builder.Services.AddHttpClient<TicketsClient>(UseApi).AddHttpMessageHandler<ActingPersonHandler>().AddApiResilience();
        builder.Services.AddHttpClient<AcdClient>(UseApi).AddHttpMessageHandler<ActingPersonHandler>().AddApiResilience();
        builder.Services.AddHttpClient<DirectoryClient>(UseApi).AddHttpMessageHandler<ActingPersonHandler>().AddApiResilience();
        builder.Services.AddHttpClient<PeopleClient>(UseApi).AddHttpMessageHandler<ActingPersonHandler>().AddApiResilience();
        builder.Services.AddHttpClient<WebhooksClient>(UseApi).AddHttpMessageHandler<ActingPersonHandler>().AddApiResilience();
        builder.Services.AddHttpClient<AccountClient>(UseApi).AddApiResilience();
        builder.Services.AddHttpClient<TranscriptsClient>(UseApi).AddHttpMessageHandler<ActingPersonHandler>().AddApiResilience();
        builder.Services.AddHttpClient<StatsClient>(UseApi).AddHttpMessageHandler<ActingPersonHandler>().AddApiResilience();
        builder.Services.AddHttpClient<SlaClient>(UseApi).AddHttpMessageHandler<ActingPersonHandler>().AddApiResilience();
    }

    /// <summary>Safety headers, and the antiforgery and TempData cookies hardened like the sign-in cookie.</summary>
    private static void AddFloorSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityHeadersOptions>().BindConfiguration(SecurityHeadersOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddAntiforgery(options => options.Cookie.Harden(FloorCookies.Antiforgery));
        builder.Services.Configure<CookieTempDataProviderOptions>(options => options.Cookie.Harden(FloorCookies.TempData));
    }

    private static void AddFloorSignIn(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FloorSignInOptions>().BindConfiguration(FloorSignInOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<PersonChanges>();
        builder.Services.AddScoped<FloorPeople>();
        builder.Services.AddScoped<FloorCookieEvents>();
        builder.AddFloorKeyRing();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/Account/SignIn";
                options.LogoutPath = "/Account/SignOut";
                options.AccessDeniedPath = "/Account/AccessDenied";
                options.Cookie.Harden(FloorCookies.SignIn);
                // A shift, not forever; activity keeps it going.
                options.ExpireTimeSpan = TimeSpan.FromHours(10);
                options.SlidingExpiration = true;
                options.EventsType = typeof(FloorCookieEvents);
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(FloorRoles.AgentsOnly, policy => policy.RequireRole(FloorRoles.Agent).RequireClaim(FloorClaims.AgentId))
            .AddPolicy(FloorRoles.SupervisorsOnly, policy => policy.RequireRole(FloorRoles.Supervisor, FloorRoles.Admin))
            .AddPolicy(FloorRoles.AdminsOnly, policy => policy.RequireRole(FloorRoles.Admin));
    }
}
