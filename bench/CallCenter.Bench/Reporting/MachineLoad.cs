using System.Globalization;

namespace CallCenter.Bench.Reporting;

/// <summary>
/// What else the two cores were doing: the load average, and CPU time per process over a measured window,
/// since client, replicas, PostgreSQL and Redis all compete for the same cores.
/// </summary>
public static class MachineLoad
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux, used by /proc/stat and /proc/<pid>/stat.

    public static string LoadAverage()
    {
        var fields = File.ReadAllText("/proc/loadavg").Split(' ');
        return $"load average {fields[0]} {fields[1]} {fields[2]} (1/5/15 min) on {Environment.ProcessorCount} cores";
    }

    /// <summary>
    /// Idle CPU seconds of the whole machine since boot (all cores, iowait included). The kernel counts idle time exactly
    /// (when a core goes idle and wakes), but user and system time by sampling at its tick, which on this VM read busy
    /// time up to half too low or a third too high under bursty load: the busy cores of a window are its length times
    /// the cores, less this.
    /// </summary>
    public static double MachineIdleSeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        return (cpu[3] + cpu[4]) / TicksPerSecond;
    }

    /// <summary>User plus system CPU seconds a process has used, or NaN once it is gone.</summary>
    public static double ProcessCpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after "(comm)": state is the first, utime the 12th, stime the 13th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
