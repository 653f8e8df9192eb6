using System.Diagnostics.Metrics;
using System.Text.Json;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Stats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CallCenter.ApiService.Stats.VisitOutcome;
using static CallCenter.UnitTests.Stats.StatsGen;

namespace CallCenter.UnitTests.Stats;

/// <summary>The <c>CallCenter.Floor</c> gauges: the last push's figures per department and window, read from memory.</summary>
public sealed class FloorMetricsTests : IDisposable
{
    private static readonly KpiCalculator Calculator = new(new StatsOptions());

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _clock = new(At("09:10:00"));

    /// <summary>Sales at ten past nine: one call answered after 10 s, one waiting since nine; support empty.</summary>
    private static StatsUpdated Pushed()
    {
        var history = new FloorHistory([Visit("C1", "09:00:00", Answered, "09:00:10", "sales"), Visit("C2", "09:00:00", Waiting, null, "sales")], [], []);
        var windows = NowWindows.At(At("09:10:00"), Riyadh);
        NowFigures Of(string? department) => new(
            Calculator.Figures(history, windows.Today, department, windows.Now),
            Calculator.Figures(history, windows.Last15Minutes, department, windows.Now),
            Calculator.Figures(history, windows.LastHour, department, windows.Now));
        return new StatsUpdated("Asia/Riyadh", windows.Now, Of(null), new Dictionary<string, NowFigures> { ["sales"] = Of("sales"), ["support"] = Of("support") });
    }

    [Fact]
    public void BeforeAnyPushTheGaugesAreEmpty()
    {
        _ = new FloorMetrics(Factory, _clock);
        Assert.Empty(Collect());
    }

    [Fact]
    public void EachMeasureIsTaggedByDepartmentAllIncludedAndByWindow()
    {
        var metrics = new FloorMetrics(Factory, _clock);
        metrics.Show(Pushed());
        var measured = Collect();

        Assert.Equal(2, measured[("callcenter.floor.offered", "all", "today")]);
        Assert.Equal(2, measured[("callcenter.floor.offered", "sales", "last_15_minutes")]);
        Assert.Equal(0, measured[("callcenter.floor.offered", "support", "today")]);
        Assert.Equal(1, measured[("callcenter.floor.answered", "sales", "last_60_minutes")]);
        Assert.Equal(10, measured[("callcenter.floor.asa", "sales", "today")]);
        Assert.Equal(1, measured[("callcenter.floor.calls_waiting", "all", null)]);
        Assert.Equal(0, measured[("callcenter.floor.calls_waiting", "support", null)]);
        // Nothing to divide by: no measurement rather than a made-up zero.
        Assert.DoesNotContain(("callcenter.floor.asa", "support", "today"), measured.Keys);
        Assert.DoesNotContain(measured.Keys, key => key.Name == "callcenter.floor.aht");
    }

    [Fact]
    public void TheLongestWaitKeepsGrowingAfterThePush()
    {
        var metrics = new FloorMetrics(Factory, _clock);
        metrics.Show(Pushed());
        Assert.Equal(600, Collect()[("callcenter.floor.longest_wait", "sales", null)], 3);

        _clock.Advance(TimeSpan.FromSeconds(42));
        Assert.Equal(642, Collect()[("callcenter.floor.longest_wait", "sales", null)], 3);
        Assert.DoesNotContain(("callcenter.floor.longest_wait", "support", null), Collect().Keys);
    }

    [Fact]
    public void AStatsUpdatedSurvivesTheWireInSnakeCase()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var pushed = Pushed();
        var wire = JsonSerializer.SerializeToElement(pushed, json);

        Assert.Equal(2, wire.GetProperty("center").GetProperty("last_15_minutes").GetProperty("offered").GetInt32());
        Assert.Equal(1, wire.GetProperty("departments").GetProperty("sales").GetProperty("today").GetProperty("calls_waiting").GetInt32());
        var read = wire.Deserialize<StatsUpdated>(json)!;
        Assert.Equal(pushed.Now, read.Now);
        Assert.Equal(pushed.Center.Today with { AgentsByActivity = read.Center.Today.AgentsByActivity }, read.Center.Today);
        Assert.Equal(["sales", "support"], read.Departments.Keys);
        Assert.Equal(pushed.Departments["sales"].Last60Minutes.LongestWaitSeconds, read.Departments["sales"].Last60Minutes.LongestWaitSeconds);
    }

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    private Dictionary<(string Name, string? Department, string? Window), double> Collect()
    {
        var measured = new Dictionary<(string, string?, string?), double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Scope == Factory)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var named = tags.ToArray().ToDictionary(tag => tag.Key, tag => (string?)tag.Value);
            measured[(instrument.Name, named.GetValueOrDefault("department"), named.GetValueOrDefault("window"))] = value;
        }

        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
        listener.RecordObservableInstruments();
        return measured;
    }

    public void Dispose() => _services.Dispose();
}
