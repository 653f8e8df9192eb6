namespace CallCenter.Web.Hosting;

/// <summary>
/// The Web app's Data Protection key ring in PostgreSQL (table <c>data_protection_keys</c>, made by the API's
/// migrations): sign-in cookies and antiforgery tokens stay valid across a Web restart and on every Web replica.
/// </summary>
internal static class FloorKeyRingExtensions
{
    public const string DatabaseConnectionName = "callcenterdb";

    public static void AddFloorKeyRing(this IHostApplicationBuilder builder)
    {
        // Its own check instead of Aspire's: bounded in time, and Degraded rather than Unhealthy (KeyRingHealthCheck).
        builder.AddNpgsqlDataSource(DatabaseConnectionName, settings => settings.DisableHealthChecks = true);
        builder.Services.AddHealthChecks().AddCheck<KeyRingHealthCheck>(KeyRingHealthCheck.Name);
        builder.Services.AddSharedKeyRing("CallCenter.Web", "data_protection_keys");
    }
}
