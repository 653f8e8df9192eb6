using CallCenter.ApiService.Events;
using CallCenter.ApiService.Realtime;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// Which events on the feed may move the floor's figures: calls joining, leaving or changing in a queue and agents
/// changing activity. A new call is not in a queue yet and skills count in no figure, so neither calls for a push.
/// </summary>
public static class StatsTrigger
{
    public static bool MovesFigures(LiveEvent liveEvent) =>
        liveEvent.Topic is "calls" or "agents" && liveEvent.Type is not (EventTypes.CallNew or EventTypes.AgentSkillsChanged);
}
