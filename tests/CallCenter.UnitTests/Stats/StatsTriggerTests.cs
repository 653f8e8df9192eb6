using CallCenter.ApiService.Stats;
using CallCenter.UnitTests.Realtime;

namespace CallCenter.UnitTests.Stats;

/// <summary>Which feed events call for a push of the floor's figures.</summary>
public sealed class StatsTriggerTests
{
    [Theory]
    [InlineData("call:routed", true)]
    [InlineData("call:updated", true)]
    [InlineData("call:offered", true)]
    [InlineData("call:transferred", true)]
    [InlineData("call:ended", true)]
    [InlineData("agent:activity_changed", true)]
    [InlineData("agent:status_changed", true)]
    [InlineData("call:new", false)]
    [InlineData("agent:skills_changed", false)]
    [InlineData("ticket:updated", false)]
    [InlineData("message:new", false)]
    [InlineData("stats:updated", false)]
    public void QueueAndAgentChangesMoveTheFiguresNothingElseDoes(string type, bool moves) =>
        Assert.Equal(moves, StatsTrigger.MovesFigures(RealtimeGen.Event(1, type)));
}
