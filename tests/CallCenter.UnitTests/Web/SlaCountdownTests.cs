using CallCenter.Web.Sla;

namespace CallCenter.UnitTests.Web;

public sealed class SlaCountdownTests
{
    [Theory]
    [InlineData(42.5, SlaCountdown.MinutesSeconds, 42, 30)]
    [InlineData(59.999, SlaCountdown.MinutesSeconds, 59, 59)]
    [InlineData(60, SlaCountdown.HoursMinutes, 1, 0)]
    [InlineData(479.99, SlaCountdown.HoursMinutes, 7, 59)]
    [InlineData(1440, SlaCountdown.DaysHours, 1, 0)]
    [InlineData(10_079.5, SlaCountdown.DaysHours, 6, 23)]
    public void PartsOfTimeLeftAreItsTwoLargestUnitsRoundedDown(double minutes, string template, int larger, int smaller) =>
        Assert.Equal((template, larger, smaller), SlaCountdown.Parts(minutes));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(0.001)]
    public void PartsOfNothingLeftAreZeroMinutesAndSeconds(double minutes) =>
        Assert.Equal((SlaCountdown.MinutesSeconds, 0, 0), SlaCountdown.Parts(minutes));
}
