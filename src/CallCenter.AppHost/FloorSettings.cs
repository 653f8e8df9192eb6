using Microsoft.Extensions.Configuration;

namespace CallCenter.AppHost;

/// <summary>
/// The AppHost's settings of how the floor runs are the API's: every key under <c>Acd</c> (ring timeout, wrap-up, each
/// department's mode and overflow…), <c>Stats</c> (service level T and target, short abandons), <c>Webhooks</c>
/// (allowed hosts, retry delays) and <c>CallCenter:TimeZone</c>, reach every API replica, so a floor is configured
/// where it is run.
/// </summary>
internal static class FloorSettings
{
    private static readonly string[] Sections = ["Acd", "Stats", "Webhooks", "CallCenter:TimeZone"];

    public static IResourceBuilder<ProjectResource> WithFloorSettings(this IResourceBuilder<ProjectResource> api, IConfiguration configuration)
    {
        foreach (var section in Sections)
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
            {
                if (value is not null)
                {
                    api.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
                }
            }
        }

        return api;
    }
}
