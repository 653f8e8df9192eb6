using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Foundation;

/// <summary><c>Telemetry:TraceSampleRatio</c>, on a model built but never started: every trace by default, else the share asked for, in every service.</summary>
public sealed class TraceSamplingTests : BuiltModelTests
{
    [Fact]
    public async Task ByDefaultNoServiceIsToldToSample()
    {
        var sampling = await SamplingAsync();

        Assert.Equal(["api: ", "gateway: ", "web: "], sampling);
    }

    [Fact]
    public async Task ARatioReachesEveryServiceAsAParentBasedSampler()
    {
        var sampling = await SamplingAsync("--Telemetry:TraceSampleRatio=0.25");

        Assert.Equal(
            ["api: parentbased_traceidratio 0.25", "gateway: parentbased_traceidratio 0.25", "web: parentbased_traceidratio 0.25"],
            sampling);
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

    /// <summary>Each service's sampler and its argument, as its environment will say, sorted by service.</summary>
    private async Task<List<string>> SamplingAsync(params string[] settings)
    {
        var model = await BuildModelAsync(settings);
        var lines = new List<string>();
        foreach (var service in model.Resources.OfType<ProjectResource>())
        {
            var variables = await EnvironmentOfAsync(service);
            lines.Add($"{service.Name}: {string.Join(' ', new[] { "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG" }.Select(name => variables.GetValueOrDefault(name)).OfType<string>())}");
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
