namespace CallCenter.ApiService.Agents;

public sealed record Agent
{
    public string AgentId { get; init; } = "";

    public string Name { get; init; } = "";

    public string? Email { get; init; }

    public string Department { get; init; } = "";

    public string[] Languages { get; init; } = [];

    public string Status { get; init; } = "";

    public DateTime StatusChangedAt { get; init; }
}

public static class AgentStatus
{
    public const string Available = "available";
    public const string Busy = "busy";
    public const string OnBreak = "on_break";
    public const string Offline = "offline";
}
