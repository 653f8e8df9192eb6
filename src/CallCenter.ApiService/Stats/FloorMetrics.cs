using System.Diagnostics;
using System.Diagnostics.Metrics;
using CallCenter.ApiService.Events;

namespace CallCenter.ApiService.Stats;

/// <summary>
/// The floor's figures as OpenTelemetry gauges (meter <c>CallCenter.Floor</c>), for the whole center
/// (<c>department=all</c>) and each department. They read the last <c>stats:updated</c> this replica saw on its feed,
/// so every replica shows the same numbers without asking PostgreSQL; only the longest wait moves between pushes,
/// as that call has been waiting ever since (its answer or hang-up would have pushed again).
/// </summary>
public sealed class FloorMetrics
{
    public const string MeterName = "CallCenter.Floor";

    public const string AllDepartments = "all";

    public static readonly ActivitySource ActivitySource = new(MeterName);

    private readonly TimeProvider _clock;
    private StatsUpdated? _latest;

    public FloorMetrics(IMeterFactory meterFactory, TimeProvider clock)
    {
        _clock = clock;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("callcenter.floor.offered", () => PerWindow(figures => (int?)figures.Offered), "{call}", "Calls that entered the queue in the window.");
        meter.CreateObservableGauge("callcenter.floor.answered", () => PerWindow(figures => (int?)figures.Answered), "{call}", "Offered calls an agent accepted.");
        meter.CreateObservableGauge("callcenter.floor.abandoned", () => PerWindow(figures => (int?)figures.Abandoned), "{call}", "Offered calls whose callers hung up while waiting.");
        meter.CreateObservableGauge("callcenter.floor.service_level", () => PerWindow(figures => figures.ServiceLevel), "1", "Answered within T ÷ (answered + abandoned − short abandons).");
        meter.CreateObservableGauge("callcenter.floor.asa", () => PerWindow(figures => figures.AsaSeconds), "s", "Average speed of answer: the mean wait of answered calls.");
        meter.CreateObservableGauge("callcenter.floor.aht", () => PerWindow(figures => figures.AhtSeconds), "s", "Average handle time: talk + hold + wrap-up per handled call.");
        meter.CreateObservableGauge("callcenter.floor.abandon_rate", () => PerWindow(figures => figures.AbandonRate), "1", "(Abandoned − short abandons) ÷ (offered − short abandons).");
        meter.CreateObservableGauge("callcenter.floor.occupancy", () => PerWindow(figures => figures.Occupancy), "1", "Time on calls and in wrap-up ÷ (that + time available).");
        meter.CreateObservableGauge("callcenter.floor.calls_waiting", () => Now(figures => (int?)figures.CallsWaiting), "{call}", "Calls in the queue now.");
        meter.CreateObservableGauge("callcenter.floor.longest_wait", LongestWaits, "s", "How long the call waiting longest has waited.");
    }

    /// <summary>The figures the gauges show from now on.</summary>
    public void Show(StatsUpdated figures) => Volatile.Write(ref _latest, figures);

    private IEnumerable<Measurement<T>> PerWindow<T>(Func<KpiFigures, T?> measure) where T : struct =>
        from scope in Scopes()
        from window in new[] { ("today", scope.Figures.Today), ("last_15_minutes", scope.Figures.Last15Minutes), ("last_60_minutes", scope.Figures.Last60Minutes) }
        let value = measure(window.Item2)
        where value is not null
        select new Measurement<T>(value.Value, new("department", scope.Department), new("window", window.Item1));

    /// <summary>A measure read at the push's instant, the same in every window.</summary>
    private IEnumerable<Measurement<T>> Now<T>(Func<KpiFigures, T?> measure) where T : struct =>
        from scope in Scopes()
        let value = measure(scope.Figures.Today)
        where value is not null
        select new Measurement<T>(value.Value, new KeyValuePair<string, object?>("department", scope.Department));

    private IEnumerable<Measurement<double>> LongestWaits()
    {
        var since = Volatile.Read(ref _latest) is { } latest ? (_clock.GetUtcNow().UtcDateTime - latest.Now).TotalSeconds : 0;
        return Now(figures => figures.LongestWaitSeconds + Math.Max(0, since));
    }

    private IEnumerable<(string Department, NowFigures Figures)> Scopes()
    {
        if (Volatile.Read(ref _latest) is not { } latest)
        {
            return [];
        }

        return latest.Departments.Select(department => (department.Key, department.Value)).Prepend((AllDepartments, latest.Center));
    }
}
