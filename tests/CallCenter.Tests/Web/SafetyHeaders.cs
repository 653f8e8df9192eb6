namespace CallCenter.Tests.Web;

/// <summary>What every Web response must tell the browser, checked alike from HTTP and browser tests.</summary>
internal static class SafetyHeaders
{
    private static readonly string[] RequiredDirectives =
    [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
        "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'",
    ];

    /// <summary>Checks headers keyed case-insensitively (Playwright lower-cases them, HttpClient does not).</summary>
    public static void AssertPresent(IEnumerable<KeyValuePair<string, string>> headers, string what)
    {
        var byName = headers.ToDictionary(header => header.Key, header => header.Value, StringComparer.OrdinalIgnoreCase);
        var policy = byName.GetValueOrDefault("Content-Security-Policy") ?? throw new Xunit.Sdk.XunitException($"{what}: no Content-Security-Policy");
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var directive in RequiredDirectives)
        {
            Assert.True(directives.Contains(directive), $"{what}: the policy lacks \"{directive}\": {policy}");
        }

        Assert.DoesNotContain("unsafe-", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", byName.GetValueOrDefault("X-Content-Type-Options"));
        Assert.Equal("DENY", byName.GetValueOrDefault("X-Frame-Options"));
        Assert.Equal("same-origin", byName.GetValueOrDefault("Referrer-Policy"));
        Assert.Contains("camera=()", byName.GetValueOrDefault("Permissions-Policy") ?? "", StringComparison.Ordinal);
    }

    public static void AssertPresent(HttpResponseMessage response) =>
        AssertPresent(
            response.Headers.Concat(response.Content.Headers).Select(header => KeyValuePair.Create(header.Key, string.Join(", ", header.Value))),
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");
}
