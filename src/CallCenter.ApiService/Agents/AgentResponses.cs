namespace CallCenter.ApiService.Agents;

public sealed record AgentChanged(bool Success, Agent Agent);

public sealed record AgentList(IReadOnlyList<Agent> Agents, int Total, int Limit, int Offset, bool TotalIsExact);
