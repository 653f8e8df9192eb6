using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Distribution;
using CsCheck;

namespace CallCenter.UnitTests.Distribution;

/// <summary>Generators and builders the distribution tests share: a small floor, so calls and agents often match.</summary>
internal static class DistributionGen
{
    public static readonly DateTime Nine = new(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);

    public static readonly string[] Departments = ["sales", "support", "billing"];

    private static readonly string[] Priorities = [Priority.Low, Priority.Medium, Priority.High, Priority.Urgent];

    private static readonly string[] Languages = ["en", "ar", "fr"];

    private static readonly string[] Skills = ["refunds", "vip"];

    private static Gen<string> OneOf(string[] values) => Gen.Int[0, values.Length - 1].Select(index => values[index]);

    private static Gen<string?> MaybeOneOf(string[] values) =>
        Gen.Int[-1, values.Length - 1].Select(index => index < 0 ? null : values[index]);

    /// <summary>Calls queued in the ten minutes before nine, with ids unique within the array.</summary>
    public static readonly Gen<WaitingCall[]> SomeCalls =
        Gen.Select(OneOf(Departments), OneOf(Priorities), Gen.Int[0, 600], MaybeOneOf(Languages), MaybeOneOf(Skills))
            .Array[0, 12]
            .Select(calls => calls.Select((call, index) => new WaitingCall($"C{index:D3}", call.Item1, call.Item2, Nine.AddSeconds(-call.Item3))
            {
                Language = call.Item4,
                Skill = call.Item5,
            }).ToArray());

    /// <summary>Half the agents are available, so rounds make offers; the rest are in any activity.</summary>
    private static readonly Gen<string> Activity =
        Gen.Int[0, 2 * AgentActivity.All.Length - 1].Select(index => index < AgentActivity.All.Length ? AgentActivity.Available : AgentActivity.All[index - AgentActivity.All.Length]);

    /// <summary>Agents with unique ids in any activity, one or two departments, a language or two and some skills.</summary>
    public static readonly Gen<AgentCandidate[]> SomeAgents =
        Gen.Select(Activity, Gen.Int[0, 600], OneOf(Departments).Array[1, 2], OneOf(Languages).Array[1, 2],
                Gen.Select(OneOf(Skills), Gen.Int[1, 5]).Array[0, 2])
            .Array[0, 10]
            .Select(agents => agents.Select((agent, index) => new AgentCandidate($"A{index:D3}", agent.Item1, Nine.AddSeconds(-agent.Item2))
            {
                Departments = agent.Item3,
                Languages = agent.Item4,
                Proficiency = agent.Item5.DistinctBy(skill => skill.Item1).ToDictionary(skill => skill.Item1, skill => skill.Item2),
            }).ToArray());

    public static WaitingCall Call(string id, string priority, int waitedSeconds, string department = "support") =>
        new(id, department, priority, Nine.AddSeconds(-waitedSeconds));

    public static AgentCandidate Agent(string id, int idleSeconds, string department = "support", string activity = AgentActivity.Available) =>
        new(id, activity, Nine.AddSeconds(-idleSeconds)) { Departments = [department], Languages = ["en"] };
}
