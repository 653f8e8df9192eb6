using System.Net;
using System.Net.Sockets;
using CallCenter.Tests.Infrastructure;
using CallCenter.Tests.Web;

namespace CallCenter.Tests.Production;

/// <summary>
/// HSTS where TLS is in front: a request the trusted proxy forwards as https gets it; plain http does not, and
/// neither does one that claims https from an address that is not a known proxy.
/// </summary>
[Collection(ProductionCollection.Name)]
public sealed class TrustedProxyTests(ProductionFixture fixture)
{
    /// <summary>HSTS is never sent for localhost, so the requests name the site as a real proxy would.</summary>
    private const string PublicHost = "callcenter.example";

    /// <summary>Another loopback address, so a direct connection comes from somewhere that is not the trusted proxy.</summary>
    private static readonly IPAddress UnknownProxy = IPAddress.Parse("127.0.0.2");

    [Theory]
    [InlineData("api", "/alive", true)]
    [InlineData("web", "/Account/SignIn", true)]
    [InlineData("api", "/alive", false)]
    [InlineData("web", "/Account/SignIn", false)]
    public async Task HstsIsSentExactlyWhenTheTrustedProxyForwardsHttps(string service, string path, bool forwardedHttps)
    {
        using var http = Through(service);

        using var response = await SendAsync(http, path, forwardedHttps);

        // Plain http is served as it is: no https port is known here, so nothing is redirected.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(forwardedHttps, response.Headers.TryGetValues("Strict-Transport-Security", out var hsts) && hsts.Single().Contains("max-age=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WebCookiesAreSecureExactlyWhenTheRequestWasHttps(bool forwardedHttps)
    {
        using var http = Through("web");

        using var response = await SendAsync(http, "/Account/SignIn", forwardedHttps);

        Assert.Equal(forwardedHttps, response.SetCookie("callcenter.antiforgery").Secure);
    }

    [Fact]
    public async Task ForwardedHttpsFromAnUnknownAddressIsIgnored()
    {
        var replica = await ReplicaAddressAsync();
        using var fromTrusted = Direct(replica, IPAddress.Parse(ProductionFixture.TrustedProxy));
        using var fromUnknown = Direct(replica, UnknownProxy);

        using var trusted = await SendAsync(fromTrusted, "/alive", forwardedHttps: true);
        using var spoofed = await SendAsync(fromUnknown, "/alive", forwardedHttps: true);

        // Same replica, same request: only where it came from differs.
        Assert.True(trusted.Headers.Contains("Strict-Transport-Security"), "The trusted proxy's https was not believed");
        Assert.Equal(HttpStatusCode.OK, spoofed.StatusCode);
        Assert.False(spoofed.Headers.Contains("Strict-Transport-Security"), "An unknown address made the API believe it was https");
    }

    /// <summary>A client through the AppHost's proxy with its own cookie jar, so every answer sets its cookies afresh.</summary>
    private HttpClient Through(string service) => FloorHttp.Client(fixture.App.App.GetEndpoint(service, "http"));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, bool forwardedHttps)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = PublicHost;
        if (forwardedHttps)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        }

        return await http.SendAsync(request).WaitAsync(ApiClient.RequestTimeout);
    }

    /// <summary>One API replica's own address (behind the AppHost's proxy), as the AppHost gave it to that process.</summary>
    private async Task<Uri> ReplicaAddressAsync()
    {
        using var api = fixture.CreateApiClient(apiKey: null);
        var replica = (await api.GetAsync("/alive")).Expect(HttpStatusCode.OK).ServedBy!;
        Assert.True(fixture.App.App.ResourceNotifications.TryGetCurrentState(replica, out var state), $"No state for {replica}");
        var urls = state.Snapshot.EnvironmentVariables.Single(variable => variable.Name == "ASPNETCORE_URLS").Value!;
        return new Uri(urls.Split(';')[0]);
    }

    /// <summary>A client whose connections leave from <paramref name="source"/>, straight to the replica.</summary>
    private static HttpClient Direct(Uri replica, IPAddress source) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = replica };
}
