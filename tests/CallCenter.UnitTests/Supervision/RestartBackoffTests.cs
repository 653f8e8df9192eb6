using CallCenter.AppHost.Infrastructure;

namespace CallCenter.UnitTests.Supervision;

/// <summary>The supervisor's waiting rule, alone: no process is started.</summary>
public sealed class RestartBackoffTests
{
    [Fact]
    public void DelayBeforeEachAttemptGrowsThenStaysAtThirtySeconds()
    {
        var delays = Enumerable.Range(0, 7).Select(attempt => RestartBackoff.DelayBefore(attempt).TotalSeconds);

        Assert.Equal([1, 2, 5, 10, 30, 30, 30], delays);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(59, false)]
    [InlineData(60, true)]
    [InlineData(3600, true)]
    public void ResetsAfterOnlyWhenTheServerStayedUpAMinute(int uptimeSeconds, bool resets) =>
        Assert.Equal(resets, RestartBackoff.ResetsAfter(TimeSpan.FromSeconds(uptimeSeconds)));
}
