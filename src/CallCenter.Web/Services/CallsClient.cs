using static CallCenter.Web.Services.ApiHttp;

namespace CallCenter.Web.Services;

/// <summary>The API's calls: start, queue, answer, hold, route, transfer, end.</summary>
public sealed class CallsClient(HttpClient http)
{
    public Task<CallStarted> StartAsync(string phoneNumber, string? customerName, string? priority, CancellationToken cancellationToken) =>
        http.PostAsync<CallStarted>("/api/calls", new { phoneNumber, customerName, priority }, cancellationToken);

    /// <summary>Calls in one status, or every call that has not ended; the newest 200, enough for a floor's live view.</summary>
    public Task<CallList> ListAsync(string? status, string? agentId, CancellationToken cancellationToken) =>
        http.GetAsync<CallList>(WithQuery("/api/calls", ("status", status), ("agent_id", agentId), ("limit", 200)), cancellationToken);

    public Task<CallDetail> GetAsync(string callId, CancellationToken cancellationToken) =>
        http.GetAsync<CallDetail>($"/api/calls/{Segment(callId)}", cancellationToken);

    public Task<CallChanged> ChangeStatusAsync(string callId, string status, string? agentId, CancellationToken cancellationToken) =>
        http.PostAsync<CallChanged>($"/api/calls/{Segment(callId)}/status", new { status, agentId }, cancellationToken);

    public Task<CallChanged> RouteAsync(string callId, string department, CancellationToken cancellationToken) =>
        http.PostAsync<CallChanged>($"/api/calls/{Segment(callId)}/route", new { department }, cancellationToken);

    public Task<CallChanged> TransferAsync(string callId, string? targetDepartment, string? agentId, CancellationToken cancellationToken) =>
        http.PostAsync<CallChanged>($"/api/calls/{Segment(callId)}/transfer", new { targetDepartment, agentId }, cancellationToken);

    public Task<CallChanged> EndAsync(string callId, CancellationToken cancellationToken) =>
        http.PostAsync<CallChanged>($"/api/calls/{Segment(callId)}/end", body: null, cancellationToken);
}
