using System.Diagnostics;
using System.Globalization;

namespace CallCenter.Bench.Reporting;

/// <summary>
/// CPU used over a window, by the whole machine and by groups of processes (the bench itself, each replica,
/// PostgreSQL...), in cores: on two shared cores, who burned them says as much as the latency does.
/// </summary>
public sealed class CpuWindow
{
    private readonly IReadOnlyList<(string Name, IReadOnlyList<(int Pid, double Seconds)> Processes)> _groups;
    private readonly double _machineIdle;
    private readonly long _started;
    private IReadOnlyList<(string Name, double Cores)> _used = [];

    /// <summary>How long the window was, once stopped.</summary>
    public TimeSpan Measured { get; private set; }

    /// <summary>The cores a group used over the window, once stopped (0 for a group not counted).</summary>
    public double CoresOf(string group) => _used.FirstOrDefault(used => used.Name == group).Cores;

    private CpuWindow(IReadOnlyList<(string Name, IReadOnlyList<int> Pids)> groups)
    {
        _groups = groups.Select(g => (g.Name, (IReadOnlyList<(int, double)>)g.Pids.Select(pid => (pid, MachineLoad.ProcessCpuSeconds(pid))).ToList())).ToList();
        _machineIdle = MachineLoad.MachineIdleSeconds();
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts counting for the bench itself and each group (a process that ends meanwhile drops out).</summary>
    public static CpuWindow Start(IEnumerable<(string Name, IReadOnlyList<int> Pids)> groups) =>
        new([("bench client", [Environment.ProcessId]), .. groups]);

    public string Stop()
    {
        Measured = Stopwatch.GetElapsedTime(_started);
        var elapsed = Measured.TotalSeconds;
        var machine = Environment.ProcessorCount - (MachineLoad.MachineIdleSeconds() - _machineIdle) / elapsed;
        var parts = _groups.Select(g => (g.Name, Cores: g.Processes
            .Select(p => MachineLoad.ProcessCpuSeconds(p.Pid) - p.Seconds)
            .Where(double.IsFinite)
            .Sum() / elapsed)).ToList();
        _used = parts;
        var named = string.Join(", ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Cores:F2}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"machine {machine:F2} of {Environment.ProcessorCount} cores busy over {elapsed:F1}s: {named}, everything else (other users included) {machine - parts.Sum(p => p.Cores):F2}");
    }
}
