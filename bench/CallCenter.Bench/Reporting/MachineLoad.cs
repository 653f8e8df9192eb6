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

    /// <summary>Busy CPU seconds of the whole machine since boot (all cores, idle and iowait excluded).</summary>
    public static double MachineBusySeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        var idle = cpu[3] + cpu[4];
        return (cpu.Take(8).Sum() - idle) / TicksPerSecond;
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
