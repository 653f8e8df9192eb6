using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every CallCenter service shares: telemetry to the Aspire dashboard, health endpoints,
/// service discovery and resilient outgoing HTTP.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Files a browser fetches with a page; not worth a trace each.</summary>
    private static readonly HashSet<string> StaticFileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".js", ".css", ".map", ".svg", ".ico", ".png", ".woff", ".woff2",
    };

    /// <summary>Tag of the checks that only say the process is responsive.</summary>
    public const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddTrustedProxies();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOptions<TelemetryOptions>()
            .BindConfiguration(TelemetryOptions.SectionName)
            .Validate(options => options.AreValid(),
                "Telemetry:TraceSampleRatio must be above 0 and at most 1, and Telemetry:TracesPerSecond 0 (no limit) or more.")
            .ValidateOnStart();
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Ours, as the dashboard lists them: CallCenter.Realtime, .Distribution, .Floor (the KPI gauges), .Supervision.
                .AddMeter("CallCenter.*"))
            .WithTracing(tracing => tracing
                // A trace started here is kept within the ratio and the budget; one started upstream as its parent was.
                .SetSampler(services => new ParentBasedSampler(new BudgetedSampler(
                    services.GetRequiredService<IOptions<TelemetryOptions>>().Value,
                    services.GetService<TimeProvider>() ?? TimeProvider.System)))
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("CallCenter.*")
                .AddAspNetCoreInstrumentation(options =>
                    // Probes would drown the traces that matter, and files (the Web app's scripts and styles, a
                    // page's dozen requests) would spend the budget a second that the floor's work should have.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath)
                        && !StaticFileExtensions.Contains(System.IO.Path.GetExtension(context.Request.Path.Value) ?? ""))
                // The gateway's probes of each replica, every second, likewise.
                .AddHttpClientInstrumentation(options =>
                    options.FilterHttpRequestMessage = request =>
                        request.RequestUri is not { AbsolutePath: HealthEndpointPath or AlivenessEndpointPath }));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// <c>/health</c> is readiness (every check, dependencies included, as JSON);
    /// <c>/alive</c> is liveness (the process answers). Both stay open in every environment
    /// because orchestrators and load balancers probe them. Outside Development an anonymous probe learns the status
    /// only (the HTTP code says it too); the checks, whose messages can name hosts and errors, are for callers in one
    /// of <paramref name="operatorRoles"/>.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, params string[] operatorRoles)
    {
        var everyone = app.Environment.IsDevelopment();
        Task Write(HttpContext context, HealthReport report) =>
            WriteHealthReport(context, report, everyone || operatorRoles.Any(context.User.IsInRole));

        // Probes and orchestrators come without credentials.
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = Write }).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = Write,
        }).AllowAnonymous();
        return app;
    }

    private static Task WriteHealthReport(HttpContext context, HealthReport report, bool withChecks)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var status = report.Status.ToString();
        var durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1);
        object body = withChecks
            ? new
            {
                status,
                duration_ms = durationMs,
                checks = report.Entries.ToDictionary(
                    entry => entry.Key,
                    entry => new
                    {
                        status = entry.Value.Status.ToString(),
                        description = entry.Value.Description ?? entry.Value.Exception?.Message,
                        duration_ms = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
                    }),
            }
            : new { status, duration_ms = durationMs };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
