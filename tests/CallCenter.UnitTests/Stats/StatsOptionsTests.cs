using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Stats;

namespace CallCenter.UnitTests.Stats;

/// <summary>The thresholds: the issue's defaults, a department's own T and target, and a bad entry named by its path.</summary>
public sealed class StatsOptionsTests
{
    private static readonly StatsOptions Options = new() { Departments = { ["sales"] = new() { ServiceLevelSeconds = 30 } } };

    [Fact]
    public void UnsetThresholdsAreTheIssuesDefaults()
    {
        var defaults = new StatsOptions();
        Assert.Equal((5, 20, 0.8), (defaults.ShortAbandonSeconds, defaults.ServiceLevelSecondsFor("support"), defaults.ServiceLevelTargetFor(null)));
    }

    [Fact]
    public void ADepartmentOverridesOnlyWhatItSets() =>
        Assert.Equal((30, 0.8, 20), (Options.ServiceLevelSecondsFor("sales"), Options.ServiceLevelTargetFor("sales"), Options.ServiceLevelSecondsFor(null)));

    [Fact]
    public void ABadDepartmentEntryIsNamedByItsPath()
    {
        var options = new StatsOptions { Departments = { ["sales"] = new() { ServiceLevelTarget = 1.5 } } };
        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal(["Departments:sales:ServiceLevelTarget"], results.Single().MemberNames);
    }
}
