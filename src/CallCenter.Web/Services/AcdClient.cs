using static CallCenter.Web.Services.ApiHttp;

namespace CallCenter.Web.Services;

/// <summary>Automatic call distribution: its settings, an agent's activity, and the offers agents accept or decline.</summary>
public sealed class AcdClient(HttpClient http)
{
    public Task<AcdSettings> SettingsAsync(CancellationToken cancellationToken) =>
        http.GetAsync<AcdSettings>("/api/acd", cancellationToken);

    /// <summary>An agent's own move: available, on a break (with a reason) or offline; the API refuses moves that do not fit.</summary>
    public Task<AgentChanged> ChangeActivityAsync(string agentId, string activity, string? reason, CancellationToken cancellationToken) =>
        http.PatchAsync<AgentChanged>($"/api/agents/{Segment(agentId)}/activity", new { activity, reason }, cancellationToken);

    public Task<CallChanged> AcceptAsync(string callId, string agentId, CancellationToken cancellationToken) =>
        http.PostAsync<CallChanged>($"/api/calls/{Segment(callId)}/accept", new { agentId }, cancellationToken);

    public Task<CallChanged> DeclineAsync(string callId, string agentId, CancellationToken cancellationToken) =>
        http.PostAsync<CallChanged>($"/api/calls/{Segment(callId)}/decline", new { agentId }, cancellationToken);

    public Task<CallChanged> RecordDispositionAsync(string callId, string code, CancellationToken cancellationToken) =>
        http.PostAsync<CallChanged>($"/api/calls/{Segment(callId)}/disposition", new { code }, cancellationToken);
}
