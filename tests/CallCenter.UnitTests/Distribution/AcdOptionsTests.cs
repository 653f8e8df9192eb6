using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Distribution;
using Microsoft.Extensions.Configuration;

namespace CallCenter.UnitTests.Distribution;

/// <summary>The <c>Acd</c> section: its defaults, per-department overrides, and what validation refuses.</summary>
public sealed class AcdOptionsTests
{
    [Fact]
    public void DefaultsRingFifteenSecondsWrapUpThirtyAndAgeNothing()
    {
        var options = new AcdOptions();
        Assert.Empty(Errors(options));
        Assert.Equal(TimeSpan.FromSeconds(15), options.RingTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.WrapUpFor("sales"));
        Assert.Null(options.Ageing);
        Assert.Equal(["lunch", "training", "meeting"], options.AllowedBreakReasons);
        Assert.Equal(AcdMode.Auto, options.For("sales").Mode);
        Assert.Null(new AcdOptions { AgeingSeconds = 0 }.Ageing);
    }

    [Fact]
    public void ADepartmentOverridesWrapUp()
    {
        var options = new AcdOptions { Departments = { ["billing"] = new() { WrapUpSeconds = 0 } } };
        Assert.Equal(TimeSpan.Zero, options.WrapUpFor("billing"));
        Assert.Equal(TimeSpan.FromSeconds(30), options.WrapUpFor("sales"));
    }

    [Fact]
    public void ValidationNamesTheBadSetting() =>
        Assert.Contains(nameof(AcdOptions.RingTimeoutSeconds), Errors(new AcdOptions { RingTimeoutSeconds = 0 }).SelectMany(error => error.MemberNames));

    [Fact]
    public void ValidationNamesTheBadSettingInsideADepartment() =>
        Assert.Equal(
            ["Departments:sales:Mode"],
            Errors(new AcdOptions { Departments = { ["sales"] = new() { Mode = "sometimes" } } }).SelectMany(error => error.MemberNames));

    [Fact]
    public void ADepartmentCannotOverflowToItself() =>
        Assert.Contains(
            "Departments:sales:OverflowTo",
            Errors(new AcdOptions { Departments = { ["sales"] = new() { OverflowTo = ["sales"] } } }).SelectMany(error => error.MemberNames));

    [Fact]
    public void ConfiguredBreakReasonsReplaceTheDefaultsAndDepartmentsBind()
    {
        var options = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Acd:RingTimeoutSeconds"] = "20",
                ["Acd:BreakReasons:0"] = "coaching",
                ["Acd:Departments:sales:Mode"] = "manual",
                ["Acd:Departments:support:OverflowTo:0"] = "billing",
            })
            .Build()
            .GetSection(AcdOptions.SectionName)
            .Get<AcdOptions>()!;

        Assert.Equal(20, options.RingTimeoutSeconds);
        Assert.Equal(["coaching"], options.AllowedBreakReasons);
        Assert.Equal(AcdMode.Manual, options.For("sales").Mode);
        Assert.Equal(["billing"], options.For("support").OverflowTo);
    }

    private static List<ValidationResult> Errors(AcdOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
