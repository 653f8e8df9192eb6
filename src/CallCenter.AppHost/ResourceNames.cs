namespace CallCenter.AppHost;

/// <summary>Resource names are a contract with the services (connection string names) and with ops.</summary>
internal static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Database = "callcenterdb";
    public const string Redis = "redis";
    public const string Api = "api";
    public const string Gateway = "gateway";
    public const string Web = "web";
    public const string DemoPassword = "demo-password";
    public const string AdminPassword = "admin-password";
    public const string ApiKey = "api-key";
    public const string WebApiKey = "web-api-key";
}
