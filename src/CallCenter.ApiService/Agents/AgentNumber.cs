using CallCenter.ApiService.Data;

namespace CallCenter.ApiService.Agents;

/// <summary><c>AGT-001</c> … <c>AGT-999</c> as the seed shows them, then <c>AGT-1000</c> and on.</summary>
public static class AgentNumber
{
    public const string Sequence = "agent_number_seq";

    public static string Format(long number) => SerialNumber.Format("AGT", number);
}
