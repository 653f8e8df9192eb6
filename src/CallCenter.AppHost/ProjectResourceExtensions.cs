namespace CallCenter.AppHost;

internal static class ProjectResourceExtensions
{
    /// <summary>
    /// Aspire turns on in-memory OTLP retries; at shutdown the dashboard is gone first, the exporter retries
    /// for ~10 s, DCP's grace period runs out and every stop ends in SIGKILL. Without it a stop takes ~1 s.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithoutOtlpRetryOnShutdown(this IResourceBuilder<ProjectResource> project) =>
        project.WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"));

    /// <summary>Pins the proxied HTTP port; 0 or less lets Aspire pick a free one (tests).</summary>
    public static IResourceBuilder<ProjectResource> WithHttpPort(this IResourceBuilder<ProjectResource> project, int port) =>
        port > 0 ? project.WithEndpoint("http", endpoint => endpoint.Port = port) : project;
}
