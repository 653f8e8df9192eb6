namespace CallCenter.Web.Stats;

/// <summary>How service level stands against its target, which the wallboard shows by colour (and in words).</summary>
public enum ServiceLevelStanding
{
    /// <summary>No answered or abandoned calls yet: nothing to judge.</summary>
    None,

    /// <summary>At or above target.</summary>
    Meeting,

    /// <summary>Below target by at most <see cref="ServiceLevelStandings.NearMargin"/>.</summary>
    Near,

    /// <summary>More than <see cref="ServiceLevelStandings.NearMargin"/> below target.</summary>
    Below,
}

public static class ServiceLevelStandings
{
    /// <summary>Ten points under target still reads as "near" — the floor can win it back within the hour.</summary>
    public const double NearMargin = 0.10;

    /// <summary>
    /// Judged at the precision the tile shows (a tenth of a point), so the colour never contradicts the figure: 79.996 %
    /// reads "80.0 %" and meets an 80 % target, and 0.7 against 0.8 is near, not lost to floating-point dust.
    /// </summary>
    public static ServiceLevelStanding Of(double? serviceLevel, double target)
    {
        if (serviceLevel is not { } level)
        {
            return ServiceLevelStanding.None;
        }

        var shortfall = Math.Round((target - level) * 1000);
        return shortfall <= 0 ? ServiceLevelStanding.Meeting
            : shortfall <= Math.Round(NearMargin * 1000) ? ServiceLevelStanding.Near
            : ServiceLevelStanding.Below;
    }

    /// <summary>The CSS and test name of a standing: <c>meeting</c>, <c>near</c>, <c>below</c> or <c>none</c>.</summary>
    public static string Code(this ServiceLevelStanding standing) => standing.ToString().ToLowerInvariant();
}
