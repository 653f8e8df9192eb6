using Microsoft.Extensions.Configuration;

namespace CallCenter.AppHost;

/// <summary>
/// AppHost settings under <c>Api:</c> that size the API's limits (all replicas share them through Redis):
/// <c>Api:RequestsPerMinute</c> per key or person, <c>Api:AnonymousRequestsPerMinute</c> per address without
/// credentials, <c>Api:SocketsPerCaller</c> per replica, and extra <c>Api:AllowedOrigins</c> for pages elsewhere.
/// Unset ones keep the API's defaults.
/// </summary>
internal static class ApiSecuritySettings
{
    private static readonly (string Setting, string Variable)[] Limits =
    [
        ("Api:RequestsPerMinute", "RateLimiting__RequestsPerMinute"),
        ("Api:AnonymousRequestsPerMinute", "RateLimiting__AnonymousRequestsPerMinute"),
        ("Api:SocketsPerCaller", "RateLimiting__SocketsPerCaller"),
    ];

    public static IResourceBuilder<ProjectResource> WithApiLimits(this IResourceBuilder<ProjectResource> api, IConfiguration configuration)
    {
        foreach (var (setting, variable) in Limits)
        {
            if (configuration[setting] is { Length: > 0 } value)
            {
                api.WithEnvironment(variable, value);
            }
        }

        // Index 0 is the Web app's origin; these follow it.
        var origins = configuration.GetSection("Api:AllowedOrigins").Get<string[]>() ?? [];
        for (var i = 0; i < origins.Length; i++)
        {
            api.WithEnvironment($"Security__AllowedOrigins__{i + 1}", origins[i]);
        }

        return api;
    }
}
