using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Production;

/// <summary>The API under Production: nothing a developer's convenience would leave open or seeded.</summary>
[Collection(ProductionCollection.Name)]
public sealed class ProductionApiTests(ProductionFixture fixture)
{
    // Matched by who they are, not by id: real agents and customers take AGT-/CUST- numbers too.
    private static readonly string[] DemoAgentNames =
    [
        "Sara Al-Qahtani", "Omar Haddad", "Layla Mansour", "James Carter",
        "Noura Al-Harbi", "Khalid Al-Otaibi", "Emily Brooks", "Faisal Al-Dossari",
    ];

    private static readonly string[] DemoPhoneNumbers =
    [
        "+966501234567", "+966502345678", "+966503456789", "+966504567890", "+966505678901",
        "+966506789012", "+966507890123", "+966508901234", "+966509012345", "+966551234567",
    ];

    [Theory]
    [InlineData("/docs")]
    [InlineData("/docs/index.html")]
    [InlineData("/redoc")]
    [InlineData("/redoc/index.html")]
    [InlineData("/openapi/v1.json")]
    public async Task GetDocumentationWithAdminKeyIsNotFound(string path)
    {
        using var api = fixture.CreateApiClient();

        (await api.GetAsync(path)).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetDocumentationWithoutKeyIsRefused()
    {
        using var anonymous = fixture.CreateApiClient(apiKey: null);

        // Like every path that is not open, it wants a key first; with one it is not there at all (above).
        (await anonymous.GetAsync("/docs/index.html")).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ListAgentsHoldsNoDemoAgent()
    {
        using var api = fixture.CreateApiClient();

        var agents = (await api.GetAsync("/api/agents?limit=200")).Expect(HttpStatusCode.OK).Json["agents"].Items();

        Assert.DoesNotContain(agents, agent => DemoAgentNames.Contains(agent.Text("name")));
    }

    [Fact]
    public async Task SearchCustomersFindsNoDemoNumber()
    {
        using var api = fixture.CreateApiClient();

        foreach (var phone in DemoPhoneNumbers)
        {
            var found = (await api.GetAsync($"/api/customers?search={Uri.EscapeDataString(phone)}")).Expect(HttpStatusCode.OK);
            Assert.Empty(found.Json["customers"].Items());
        }
    }

    [Fact]
    public async Task GetDemoTicketIsNotFound()
    {
        using var api = fixture.CreateApiClient();

        (await api.GetAsync("/api/tickets/TKT-20241108-0001")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EveryAnswerNamesItsReplica()
    {
        using var anonymous = fixture.CreateApiClient(apiKey: null);
        using var api = fixture.CreateApiClient();

        Assert.StartsWith("api-", (await anonymous.GetAsync("/alive")).Expect(HttpStatusCode.OK).ServedBy, StringComparison.Ordinal);
        Assert.StartsWith("api-", (await api.GetAsync("/api/agents")).Expect(HttpStatusCode.OK).ServedBy, StringComparison.Ordinal);
        Assert.StartsWith("api-", (await api.GetAsync("/docs")).Expect(HttpStatusCode.NotFound).ServedBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHealthWithoutKeyShowsTheStatusOnly()
    {
        using var anonymous = fixture.CreateApiClient(apiKey: null);

        var health = (await anonymous.GetAsync("/health")).Expect(HttpStatusCode.OK).Json.AsObject();

        Assert.Equal("Healthy", health.Text("status"));
        Assert.False(health.ContainsKey("checks"), $"An anonymous caller was shown the checks: {health.ToJsonString()}");
    }

    [Fact]
    public async Task GetHealthWithAdminKeyShowsTheChecks()
    {
        using var api = fixture.CreateApiClient();

        var checks = (await api.GetAsync("/health")).Expect(HttpStatusCode.OK).Json["checks"]!.AsObject();

        Assert.Contains(checks, check => check.Key.Contains("postgres", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(checks, check => check.Key.Contains("redis", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task GetHealthWithAnIntegrationKeyShowsTheStatusOnly()
    {
        using var integration = await Security.FloorKeys.ClientAsync(fixture, "integration");

        var health = (await integration.GetAsync("/health")).Expect(HttpStatusCode.OK).Json.AsObject();

        Assert.False(health.ContainsKey("checks"), $"A non-operator key was shown the checks: {health.ToJsonString()}");
    }
}
