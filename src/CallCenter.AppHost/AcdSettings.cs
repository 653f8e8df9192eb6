using Microsoft.Extensions.Configuration;

namespace CallCenter.AppHost;

/// <summary>
/// The AppHost's <c>Acd</c> section (ring timeout, wrap-up, each department's mode and overflow…) is the API's: every
/// key under it reaches every API replica, so a floor is configured where it is run.
/// </summary>
internal static class AcdSettings
{
    public const string SectionName = "Acd";

    public static IResourceBuilder<ProjectResource> WithAcdSettings(this IResourceBuilder<ProjectResource> api, IConfiguration configuration)
    {
        foreach (var (key, value) in configuration.GetSection(SectionName).AsEnumerable())
        {
            if (value is not null)
            {
                api.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }
        }

        return api;
    }
}
