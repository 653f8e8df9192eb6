using CallCenter.ApiService.Distribution;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// Occupancy = time handling calls ÷ (that + time ready for the next one). Handling is on_call and wrap_up (talk, hold
/// and after-call work, as in AHT); ready is available and ringing — a ringing agent was free and waiting, the call
/// had just not connected yet. Missed, on_break and offline are out of both: the agent was not ready, so that time
/// says nothing about how busy the floor kept them. This is Amazon Connect's and Genesys' reading.
/// </summary>
public static class Occupancy
{
    public static bool IsHandling(string activity) => activity is AgentActivity.OnCall or AgentActivity.WrapUp;

    public static bool IsReady(string activity) => activity is AgentActivity.Available or AgentActivity.Ringing;

    /// <summary>Null when the agents were never handling nor ready: an empty window has no occupancy, not 0 %.</summary>
    public static double? Of(TimeSpan handling, TimeSpan ready) => Share.Of(handling.Ticks, handling.Ticks + ready.Ticks);
}
