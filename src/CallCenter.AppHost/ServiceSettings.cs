using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CallCenter.AppHost;

/// <summary>
/// AppHost settings both services get: <c>Services:Environment</c> (default Development), <c>Services:HttpsPort</c>
/// where TLS is in front, and the proxies whose forwarded headers they believe (<c>ForwardedHeaders:KnownProxies</c>,
/// <c>ForwardedHeaders:KnownNetworks</c>, passed on under the same names), and <c>Telemetry:TraceSampleRatio</c>.
/// </summary>
internal static class ServiceSettings
{
    private static readonly string[] ProxyLists = ["ForwardedHeaders:KnownProxies", "ForwardedHeaders:KnownNetworks"];

    public static IResourceBuilder<ProjectResource> WithServiceSettings(this IResourceBuilder<ProjectResource> project, IConfiguration configuration)
    {
        // Aspire applies the project's launch profile (ASPNETCORE_ENVIRONMENT=Development) first; these come later and win.
        var environment = configuration.GetValue("Services:Environment", Environments.Development)!;
        project.WithEnvironment("ASPNETCORE_ENVIRONMENT", environment).WithEnvironment("DOTNET_ENVIRONMENT", environment);

        // Where redirects to HTTPS go: the TLS proxy's port. Unset, nothing is redirected (the local plain-http run).
        if (configuration["Services:HttpsPort"] is { Length: > 0 } httpsPort)
        {
            project.WithEnvironment("ASPNETCORE_HTTPS_PORT", httpsPort);
        }

        // Every trace by default. Under heavy load a ratio below 1 keeps that share of new traces (a request's whole
        // trace, across services, or none of it), and the dashboard and the exporters do that much less work.
        var ratio = configuration.GetValue("Telemetry:TraceSampleRatio", 1.0);
        if (ratio is <= 0 or > 1 || double.IsNaN(ratio))
        {
            throw new InvalidOperationException($"Telemetry:TraceSampleRatio must be above 0 and at most 1; it is {ratio}.");
        }

        if (ratio < 1)
        {
            project.WithEnvironment("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
                .WithEnvironment("OTEL_TRACES_SAMPLER_ARG", ratio.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var list in ProxyLists)
        {
            var entries = configuration.GetSection(list).Get<string[]>() ?? [];
            for (var i = 0; i < entries.Length; i++)
            {
                project.WithEnvironment($"{list.Replace(":", "__", StringComparison.Ordinal)}__{i}", entries[i]);
            }
        }

        return project;
    }
}
