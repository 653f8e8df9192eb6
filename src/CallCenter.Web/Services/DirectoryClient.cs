using static CallCenter.Web.Services.ApiHttp;

namespace CallCenter.Web.Services;

/// <summary>Agents on the floor and the customers who call.</summary>
public sealed class DirectoryClient(HttpClient http)
{
    public Task<AgentList> AgentsAsync(CancellationToken cancellationToken) =>
        http.GetAsync<AgentList>(WithQuery("/api/agents", ("limit", 200)), cancellationToken);

    public Task<Agent> AgentAsync(string agentId, CancellationToken cancellationToken) =>
        http.GetAsync<Agent>($"/api/agents/{Segment(agentId)}", cancellationToken);

    public Task<CustomerList> CustomersAsync(string? search, int limit, int offset, CancellationToken cancellationToken) =>
        http.GetAsync<CustomerList>(WithQuery("/api/customers", ("search", search), ("limit", limit), ("offset", offset)), cancellationToken);

    public Task<CustomerWithHistory> CustomerAsync(string customerId, CancellationToken cancellationToken) =>
        http.GetAsync<CustomerWithHistory>($"/api/customers/{Segment(customerId)}", cancellationToken);
}
