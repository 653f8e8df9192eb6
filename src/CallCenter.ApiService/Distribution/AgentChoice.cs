namespace CallCenter.ApiService.Distribution;

/// <summary>
/// Which agents may be offered a call, best first. Eligible: available, in the call's department or holding its
/// skill (or, once the call has waited its department's overflow delay, in a fallback department), and speaking the
/// call's language when it has one. Best: the longest idle, after proficiency when the department asks for it; agent
/// id breaks ties so every replica picks the same agent.
/// </summary>
public sealed class AgentChoice(AcdOptions options)
{
    public bool IsEligible(WaitingCall call, AgentCandidate agent, DateTime now) =>
        agent.Activity == AgentActivity.Available
        && (call.Language is null || agent.Speaks(call.Language))
        && (agent.Departments.Contains(call.Department)
            || (call.Skill is not null && agent.Proficiency.ContainsKey(call.Skill))
            || (Overflowed(call, now) && agent.Departments.Any(options.For(call.Department).OverflowTo.Contains)));

    /// <summary>True once the call has waited long enough that its department's fallback agents may take it.</summary>
    public bool Overflowed(WaitingCall call, DateTime now)
    {
        var rules = options.For(call.Department);
        return rules.OverflowTo.Count > 0 && now - call.QueuedAt >= TimeSpan.FromSeconds(rules.OverflowAfterSeconds);
    }

    public IReadOnlyList<AgentCandidate> Candidates(WaitingCall call, IEnumerable<AgentCandidate> agents, DateTime now)
    {
        var proficiencyFirst = options.For(call.Department).ProficiencyFirst;
        return agents.Where(agent => IsEligible(call, agent, now))
            .OrderByDescending(agent => proficiencyFirst ? agent.LevelFor(call) : 0)
            .ThenBy(agent => agent.IdleSince)
            .ThenBy(agent => agent.AgentId, StringComparer.Ordinal)
            .ToList();
    }

    public AgentCandidate? Best(WaitingCall call, IEnumerable<AgentCandidate> agents, DateTime now) =>
        Candidates(call, agents, now).FirstOrDefault();
}
