using CallCenter.ApiService.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CallCenter.Tests.Infrastructure;

/// <summary>
/// One more API replica, in the test process on a real port, on the shared app's PostgreSQL and Redis: for a test
/// that needs settings the shared replicas must not have (a tiny limit, a tiny buffer).
/// </summary>
public static class OwnReplica
{
    public static async Task<WebApplicationFactory<Replica>> StartAsync(CallCenterFixture fixture, Action<IWebHostBuilder> configure)
    {
        var database = await fixture.App.GetConnectionStringAsync("callcenterdb");
        var redis = await fixture.App.GetConnectionStringAsync("redis");
        var factory = new WebApplicationFactory<Replica>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Development")
                .UseSetting("ConnectionStrings:callcenterdb", database)
                .UseSetting("ConnectionStrings:redis", redis)
                .UseSetting("Security:AdminApiKey", TestSecrets.AdminApiKey);
            configure(host);
        });
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }
}
