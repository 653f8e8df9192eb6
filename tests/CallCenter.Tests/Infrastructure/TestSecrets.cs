namespace CallCenter.Tests.Infrastructure;

/// <summary>Fixed per test run, so the tests never write to the developer's AppHost user secrets.</summary>
internal static class TestSecrets
{
    public static readonly string PostgresPassword = Guid.NewGuid().ToString("N");
    public static readonly string RedisPassword = Guid.NewGuid().ToString("N");
    public static readonly string DemoPassword = Guid.NewGuid().ToString("N");
    public static readonly string AdminPassword = $"admin-{Guid.NewGuid():N}";
    public static readonly string AdminApiKey = $"test-admin-{Guid.NewGuid():N}";
    public static readonly string WebApiKey = $"test-web-{Guid.NewGuid():N}";

    public static System.Net.Http.Headers.AuthenticationHeaderValue AdminAuthorization => new("Bearer", AdminApiKey);
}
