using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Production;

/// <summary>Outside Development the API grants CORS to the Web app's origin and <c>Api:AllowedOrigins</c>, nobody else.</summary>
[Collection(ProductionCollection.Name)]
public sealed class CorsTests(ProductionFixture fixture)
{
    private const string ForeignOrigin = "https://attacker.example";

    [Fact]
    public async Task PreflightFromAForeignOriginIsNotGranted()
    {
        using var response = await PreflightAsync(ForeignOrigin);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), "A foreign origin was granted CORS");
    }

    [Fact]
    public async Task PreflightFromTheWebAppAndAllowedOriginsIsGranted()
    {
        foreach (var origin in new[] { fixture.WebOrigin, ProductionFixture.PartnerOrigin })
        {
            using var response = await PreflightAsync(origin);

            Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        }
    }

    [Fact]
    public async Task SimpleRequestFromAForeignOriginIsNotGranted()
    {
        using var response = await GetAgentsFromAsync(ForeignOrigin);

        // The API answers (a key is what authorises a program), but no browser page of that origin may read it.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), "A foreign origin was granted CORS");
    }

    [Fact]
    public async Task SimpleRequestFromTheWebAppIsGranted()
    {
        using var response = await GetAgentsFromAsync(fixture.WebOrigin);

        Assert.Equal(fixture.WebOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        using var http = fixture.App.CreateHttpClient("api", authenticated: false);
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/calls");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        return await http.SendAsync(request).WaitAsync(ApiClient.RequestTimeout);
    }

    private async Task<HttpResponseMessage> GetAgentsFromAsync(string origin)
    {
        using var http = fixture.App.CreateHttpClient("api");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/agents");
        request.Headers.Add("Origin", origin);
        return await http.SendAsync(request).WaitAsync(ApiClient.RequestTimeout);
    }
}
