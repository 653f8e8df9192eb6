using System.ComponentModel.DataAnnotations;

namespace CallCenter.ApiService.Security;

/// <summary>The <c>Security</c> configuration section. Keys come from the AppHost's secret parameters.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>An admin key for scripts (the AppHost's <c>api-key</c> parameter).</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>The Web app's own key: it acts on behalf of the person signed in there.</summary>
    public string? WebApiKey { get; set; }

    /// <summary>Origins whose pages may call the API (CORS) and open its socket; Development allows any for CORS.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How long a key that was checked stays trusted on a replica; a revocation takes effect within it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan SocketTicketLifetime { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>The <c>RateLimiting</c> configuration section; counters live in Redis so both replicas share them.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Per key, or per person behind the Web app's key; a key can carry its own figure.</summary>
    [Range(1, int.MaxValue)]
    public int RequestsPerMinute { get; set; } = 1000;

    /// <summary>Per client address for requests without valid credentials.</summary>
    [Range(1, int.MaxValue)]
    public int AnonymousRequestsPerMinute { get; set; } = 120;

    /// <summary>Open sockets per key (per person for the Web app's key) on one replica.</summary>
    [Range(1, int.MaxValue)]
    public int SocketsPerCaller { get; set; } = 50;
}
