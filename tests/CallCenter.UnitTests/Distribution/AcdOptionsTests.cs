using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Distribution;

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

    private static List<ValidationResult> Errors(AcdOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
