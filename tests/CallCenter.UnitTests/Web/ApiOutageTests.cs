using CallCenter.Web.Services;

namespace CallCenter.UnitTests.Web;

/// <summary>A hung API is remembered for a moment only, so pages fail fast yet meet the API again soon.</summary>
public sealed class ApiOutageTests
{
    [Fact]
    public void HungIsRememberedUntilTheMemoryRunsOut()
    {
        var time = new SteppedTime();
        var outage = new ApiOutage(time);
        Assert.False(outage.RecentlyHung);

        outage.Hung();
        time.Advance(ApiOutage.Memory - TimeSpan.FromMilliseconds(1));
        Assert.True(outage.RecentlyHung);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(outage.RecentlyHung);
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class SteppedTime : TimeProvider
    {
        private long _timestamp;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _timestamp;

        public void Advance(TimeSpan by) => _timestamp += by.Ticks;
    }
}
