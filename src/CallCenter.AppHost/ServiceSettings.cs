using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CallCenter.AppHost;

/// <summary>
/// AppHost settings both services get: <c>Services:Environment</c> (default Development), <c>Services:HttpsPort</c>
/// where TLS is in front, and the proxies whose forwarded headers they believe (<c>ForwardedHeaders:KnownProxies</c>,
/// <c>ForwardedHeaders:KnownNetworks</c>, passed on under the same names), and <c>Telemetry:TraceSampleRatio</c> and <c>Telemetry:TracesPerSecond</c>.
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

        // Each service keeps every new trace up to its budget a second (its own default unless set here), and within
        // that a share if a ratio below 1 is set: a request's trace is whole across services or absent from all.
        var ratio = configuration.GetValue("Telemetry:TraceSampleRatio", 1.0);
        if (ratio is <= 0 or > 1 || double.IsNaN(ratio))
        {
            throw new InvalidOperationException($"Telemetry:TraceSampleRatio must be above 0 and at most 1; it is {ratio}.");
        }

        if (ratio < 1)
        {
            project.WithEnvironment("Telemetry__TraceSampleRatio", ratio.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (configuration["Telemetry:TracesPerSecond"] is { Length: > 0 } budget)
        {
            if (!double.TryParse(budget, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var perSecond)
                || perSecond < 0 || !double.IsFinite(perSecond))
            {
                throw new InvalidOperationException($"Telemetry:TracesPerSecond must be 0 (no limit) or more; it is {budget}.");
            }

            project.WithEnvironment("Telemetry__TracesPerSecond", perSecond.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
