using System.Net;
using System.Text.Json;
using CallCenter.Tests.Infrastructure;
using CallCenter.Tests.Web;
using Npgsql;

namespace CallCenter.Tests.Foundation;

[Collection(CallCenterCollection.Name)]
public sealed class AppHostTests(CallCenterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("postgres")]
    [InlineData("callcenterdb")]
    [InlineData("redis")]
    [InlineData("api")]
    [InlineData("web")]
    public async Task StartAllResourcesBecomeHealthy(string resource)
    {
        await fixture.App.App.ResourceNotifications.WaitForResourceHealthyAsync(resource).WaitAsync(Timeout);
    }

    [Fact]
    public async Task GetHealthReportsPostgresAndRedis()
    {
        using var http = fixture.App.CreateHttpClient("api");
        using var response = await http.GetAsync("/health").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var checks = report.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString());
        Assert.Contains(checks, c => c.Key.Contains("postgres", StringComparison.OrdinalIgnoreCase) && c.Value == "Healthy");
        Assert.Contains(checks, c => c.Key.Contains("redis", StringComparison.OrdinalIgnoreCase) && c.Value == "Healthy");
    }

    [Fact]
    public async Task QueryPostgresReturnsServerVersion()
    {
        await using var connection = new NpgsqlConnection(await fixture.App.GetConnectionStringAsync("callcenterdb"));
        await connection.OpenAsync().WaitAsync(Timeout);
        await using var command = new NpgsqlCommand("SELECT current_database(), current_setting('server_version_num')::int", connection);
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal("callcenterdb", reader.GetString(0));
        Assert.True(reader.GetInt32(1) >= 150000);
    }

    [Fact]
    public async Task GetThroughProxyReachesBothApiReplicas()
    {
        var servedBy = new HashSet<string>();
        using var deadline = new CancellationTokenSource(Timeout);
        while (servedBy.Count < 2)
        {
            // DCP balances per TCP connection, so each probe asks for a new one.
            using var http = fixture.App.CreateHttpClient("api");
            using var request = new HttpRequestMessage(HttpMethod.Get, "/alive");
            request.Headers.ConnectionClose = true;
            using var response = await http.SendAsync(request, deadline.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            servedBy.Add(Assert.Single(response.Headers.GetValues("X-Served-By")));
        }

        Assert.Equal(2, servedBy.Count);
    }

    [Theory]
    [InlineData("/docs/index.html", "text/html")]
    [InlineData("/redoc/index.html", "text/html")]
    [InlineData("/openapi/v1.json", "application/json")]
    public async Task GetApiDocumentationAnswers(string path, string mediaType)
    {
        using var http = fixture.App.CreateHttpClient("api");
        using var response = await http.GetAsync(path).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WebReachesTheApiForASignedInPerson()
    {
        using var http = FloorHttp.Client(fixture.WebEndpoint);
        (await http.SignInAsync("supervisor", TestSecrets.DemoPassword)).Dispose();

        // A ticket's page is read from the API, found by service discovery and asked with the Web app's key.
        var ticket = await http.GetStringAsync("/Crm/Tickets/TKT-20241108-0001").WaitAsync(Timeout);

        Assert.Contains("Delivery Issue", ticket, StringComparison.Ordinal);
    }
}
