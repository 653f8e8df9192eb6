using CallCenter.Web.Stats;

namespace CallCenter.UnitTests.Web;

/// <summary>The wallboard's colour for service level: at target, within ten points of it, or below that.</summary>
public sealed class ServiceLevelStandingTests
{
    [Theory]
    [InlineData(0.85, 0.8, ServiceLevelStanding.Meeting)]
    [InlineData(0.8, 0.8, ServiceLevelStanding.Meeting)]
    [InlineData(0.799, 0.8, ServiceLevelStanding.Near)]
    [InlineData(0.7, 0.8, ServiceLevelStanding.Near)]
    [InlineData(0.699, 0.8, ServiceLevelStanding.Below)]
    [InlineData(0.0, 0.8, ServiceLevelStanding.Below)]
    [InlineData(0.79996, 0.8, ServiceLevelStanding.Meeting)]
    [InlineData(0.0, 0.0, ServiceLevelStanding.Meeting)]
    [InlineData(0.9, 1.0, ServiceLevelStanding.Near)]
    public void ServiceLevelStandsByItsShortfallFromTarget(double level, double target, ServiceLevelStanding expected) =>
        Assert.Equal(expected, ServiceLevelStandings.Of(level, target));

    [Fact]
    public void NoServiceLevelYetIsNotJudged() =>
        Assert.Equal(ServiceLevelStanding.None, ServiceLevelStandings.Of(null, 0.8));

    [Fact]
    public void StandingsHaveLowerCaseCodesForThePage() =>
        Assert.Equal(["none", "meeting", "near", "below"], Enum.GetValues<ServiceLevelStanding>().Select(standing => standing.Code()));
}
