using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CallCenter.AppHost;

/// <summary>
/// AppHost settings both services get: <c>Services:Environment</c> (default Development), <c>Services:HttpsPort</c>
/// where TLS is in front, and the proxies whose forwarded headers they believe (<c>ForwardedHeaders:KnownProxies</c>,
/// <c>ForwardedHeaders:KnownNetworks</c>, passed on under the same names).
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
