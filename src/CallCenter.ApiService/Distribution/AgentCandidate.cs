namespace CallCenter.ApiService.Distribution;

/// <summary>
/// An agent as distribution sees them. <see cref="IdleSince"/> is when they last became available; the longest idle
/// is offered first. <see cref="Proficiency"/> maps a skill or department to a level from 1 to 5.
/// </summary>
public sealed record AgentCandidate(string AgentId, string Activity, DateTime IdleSince)
{
    public IReadOnlyCollection<string> Departments { get; init; } = [];

    public IReadOnlyCollection<string> Languages { get; init; } = [];

    /// <summary>Skills (and departments) the agent holds, with a level; a skill held without a level is given 1.</summary>
    public IReadOnlyDictionary<string, int> Proficiency { get; init; } = new Dictionary<string, int>();

    public bool Speaks(string language) => Languages.Contains(language, StringComparer.OrdinalIgnoreCase);

    /// <summary>The level that counts for a call: its skill's when it has one, else its department's; 0 when unrated.</summary>
    public int LevelFor(WaitingCall call) =>
        call.Skill is not null && Proficiency.TryGetValue(call.Skill, out var skill) ? skill : Proficiency.GetValueOrDefault(call.Department);
}
