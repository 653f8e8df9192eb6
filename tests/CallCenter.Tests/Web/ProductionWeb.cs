using System.Net;
using CallCenter.Tests.Infrastructure;
using CallCenter.Web.SignIn;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace CallCenter.Tests.Web;

/// <summary>
/// The Web app in memory as it runs outside Development, on the shared app's API and PostgreSQL (people and the
/// key ring live there): HTTPS enforced, reached under a real-looking name since HSTS is never sent to localhost.
/// It checks a cookie against the API on every request, so a change made straight through the API counts at once.
/// Two instances are one app before and after a restart, or two replicas.
/// </summary>
public sealed class ProductionWeb(Uri api, string database) : WebApplicationFactory<FloorPeople>
{
    public static readonly Uri Https = new("https://callcenter.example/");

    public static readonly Uri Http = new("http://callcenter.example/");

    public static async Task<ProductionWeb> StartAsync(CallCenterFixture fixture) =>
        new(fixture.App.App.GetEndpoint("api", "http"), await fixture.App.GetConnectionStringAsync("callcenterdb"));

    /// <summary>A browser: its cookie jar (a new one unless given), redirects shown rather than followed.</summary>
    public HttpClient Browser(Uri? baseAddress = null, CookieContainer? cookies = null) =>
        CreateDefaultClient(baseAddress ?? Https, new CookieContainerHandler(cookies ?? new CookieContainer()));

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder
            .UseEnvironment("Production")
            .UseSetting("https_port", "443")
            .UseSetting("CallCenterApi:Key", TestSecrets.WebApiKey)
            .UseSetting("CallCenterApi:BaseAddress", api.ToString())
            .UseSetting("ConnectionStrings:callcenterdb", database)
            .UseSetting("SignIn:RecheckInterval", "00:00:00");
}
