using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

/// <summary>Customers and agents: the seeded people and how they change.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class PeopleApiTests(CallCenterFixture fixture)
{
    [Fact]
    public async Task DepartmentsAreListedForClientsToRouteTo()
    {
        using var api = fixture.CreateApiClient();
        var departments = (await api.GetAsync("/api/departments")).Expect(HttpStatusCode.OK);
        Assert.Equal(["sales", "support", "complaints", "billing"], departments.Json["departments"].Items().Select(d => d.GetValue<string>()));
        Assert.Equal("support", departments.Str("default_department"));
    }

    [Fact]
    public async Task ListCustomersPagesAndSearches()
    {
        using var api = fixture.CreateApiClient();

        var page = (await api.GetAsync("/api/customers?limit=5")).Expect(HttpStatusCode.OK);
        var found = (await api.GetAsync("/api/customers?search=Ahmed")).Expect(HttpStatusCode.OK);

        Assert.Equal(5, page.Json["customers"].Items().Count);
        Assert.True(page.Json.Value<int>("total") >= 10);
        Assert.Contains(found.Json["customers"].Items(), c => c.Text("customer_id") == "CUST-001");
    }

    [Fact]
    public async Task GetCustomerShowsTheirCallsAndTickets()
    {
        using var api = fixture.CreateApiClient();
        var call = (await api.PostAsync("/api/calls?phone_number=%2B966501234567")).Expect(HttpStatusCode.OK).Str("call_id");

        var customer = (await api.GetAsync("/api/customers/CUST-001")).Expect(HttpStatusCode.OK);

        Assert.Equal("CUST-001", customer.Str("customer_id"));
        Assert.Equal("+966501234567", customer.Str("phone_number"));
        Assert.Contains(call, customer.Json["calls"].Items().Select(c => c.Text("call_id")));
        Assert.Contains("TKT-20241108-0001", customer.Json["tickets"].Items().Select(t => t.Text("ticket_id")));
        (await api.GetAsync("/api/customers/CUST-99999")).ExpectProblem(HttpStatusCode.NotFound, "CUST-99999");
    }

    [Fact]
    public async Task ListAgentsFiltersByStatus()
    {
        using var api = fixture.CreateApiClient();
        (await api.PatchAsync("/api/agents/AGT-007/status?status=on_break")).Expect(HttpStatusCode.OK);

        var all = (await api.GetAsync("/api/agents")).Expect(HttpStatusCode.OK);
        var onBreak = (await api.GetAsync("/api/agents?status=on_break")).Expect(HttpStatusCode.OK);

        Assert.Equal(8, all.Json.Value<int>("total"));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"AGT-{i:D3}"), all.Json["agents"].Items().Select(a => a.Text("agent_id")));
        Assert.Contains("AGT-007", onBreak.Json["agents"].Items().Select(a => a.Text("agent_id")));
        Assert.All(onBreak.Json["agents"].Items(), a => Assert.Equal("on_break", a.Text("status")));
    }

    [Fact]
    public async Task ChangeAgentStatusSavesIt()
    {
        using var api = fixture.CreateApiClient();

        var changed = (await api.PatchAsync("/api/agents/AGT-008/status?status=busy")).Expect(HttpStatusCode.OK);
        var agent = (await api.GetAsync("/api/agents/AGT-008")).Expect(HttpStatusCode.OK);

        Assert.True(changed.Json["success"]!.GetValue<bool>());
        Assert.Equal("busy", changed.Str("agent.status"));
        Assert.Equal("busy", agent.Str("status"));
        (await api.PatchAsync("/api/agents/AGT-008/status?status=asleep")).ExpectProblem(HttpStatusCode.BadRequest, "status");
        (await api.PatchAsync("/api/agents/AGT-999/status?status=busy")).ExpectProblem(HttpStatusCode.NotFound, "AGT-999");
        (await api.GetAsync("/api/agents/AGT-999")).ExpectProblem(HttpStatusCode.NotFound);
    }
}
