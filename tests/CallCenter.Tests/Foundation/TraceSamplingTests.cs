using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Foundation;

/// <summary>
/// <c>Telemetry:TraceSampleRatio</c> and <c>Telemetry:TracesPerSecond</c>, on a model built but never started: each
/// service's own defaults unless set, else what was asked, in every service.
/// </summary>
public sealed class TraceSamplingTests : BuiltModelTests
{
    [Fact]
    public async Task ByDefaultEveryServiceKeepsItsOwnDefaults()
    {
        var sampling = await SamplingAsync();

        Assert.Equal(["api: ", "gateway: ", "web: "], sampling);
    }

    [Fact]
    public async Task ARatioAndABudgetReachEveryService()
    {
        var sampling = await SamplingAsync("--Telemetry:TraceSampleRatio=0.25", "--Telemetry:TracesPerSecond=40");

        Assert.Equal(["api: 0.25 40", "gateway: 0.25 40", "web: 0.25 40"], sampling);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("many")]
    public async Task ABudgetBelowZeroStopsTheAppHostNamingTheSetting(string budget)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SamplingAsync($"--Telemetry:TracesPerSecond={budget}"));

        Assert.Contains("Telemetry:TracesPerSecond", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public async Task ARatioOutsideZeroToOneStopsTheAppHostNamingTheSetting(string ratio)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SamplingAsync($"--Telemetry:TraceSampleRatio={ratio}"));

        Assert.Contains("Telemetry:TraceSampleRatio", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Each service's ratio and budget, as its environment will say, sorted by service.</summary>
    private async Task<List<string>> SamplingAsync(params string[] settings)
    {
        var model = await BuildModelAsync(settings);
        var lines = new List<string>();
        foreach (var service in model.Resources.OfType<ProjectResource>())
        {
            var variables = await EnvironmentOfAsync(service);
            lines.Add($"{service.Name}: {string.Join(' ', new[] { "Telemetry__TraceSampleRatio", "Telemetry__TracesPerSecond" }.Select(name => variables.GetValueOrDefault(name)).OfType<string>())}");
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
