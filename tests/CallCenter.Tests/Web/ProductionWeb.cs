using System.Net;
using CallCenter.Web.SignIn;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Web;

/// <summary>
/// The Web app in memory as it runs outside Development: HTTPS enforced, nobody seeded (tests add their own
/// people to its store), reached under a real-looking name since HSTS is never sent to localhost. Two instances
/// given the same keys folder are one app before and after a restart.
/// </summary>
public sealed class ProductionWeb : WebApplicationFactory<FloorUserStore>
{
    public static readonly Uri Https = new("https://callcenter.example/");

    public static readonly Uri Http = new("http://callcenter.example/");

    private readonly DirectoryInfo _keys;
    private readonly bool _ownsKeys;
    private Uri? _api;

    public ProductionWeb()
        : this(Directory.CreateTempSubdirectory("callcenter-web-keys-"), ownsKeys: true)
    {
    }

    private ProductionWeb(DirectoryInfo keys, bool ownsKeys)
    {
        _keys = keys;
        _ownsKeys = ownsKeys;
    }

    /// <summary>An instance on these keys, which the caller keeps and deletes.</summary>
    public static ProductionWeb WithKeys(DirectoryInfo keys) => new(keys, ownsKeys: false);

    /// <summary>An instance that talks to a running API (the test AppHost's) with the Web app's key.</summary>
    public static ProductionWeb AgainstApi(Uri api) => new() { _api = api };

    public FloorUserStore Users => Services.GetRequiredService<FloorUserStore>();

    /// <summary>A browser: its cookie jar (a new one unless given), redirects shown rather than followed.</summary>
    public HttpClient Browser(Uri? baseAddress = null, CookieContainer? cookies = null) =>
        CreateDefaultClient(baseAddress ?? Https, new CookieContainerHandler(cookies ?? new CookieContainer()));

    /// <summary>Adds someone to the floor with a password of their own, and returns both.</summary>
    public (FloorUser User, string Password) AddPerson(string role)
    {
        var user = new FloorUser($"{role}-{Guid.NewGuid():N}"[..20], role, null);
        var password = Guid.NewGuid().ToString("N");
        Users.Add(user, password);
        return (user, password);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder
            .UseEnvironment("Production")
            .UseSetting("https_port", "443")
            // Required at start; most of these tests never reach the API.
            .UseSetting("CallCenterApi:Key", _api is null ? "not-used" : Infrastructure.TestSecrets.WebApiKey)
            .ConfigureTestServices(services => services.AddDataProtection().PersistKeysToFileSystem(_keys));
        if (_api is not null)
        {
            builder.UseSetting("CallCenterApi:BaseAddress", _api.ToString());
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsKeys)
        {
            _keys.Delete(recursive: true);
        }
    }
}
