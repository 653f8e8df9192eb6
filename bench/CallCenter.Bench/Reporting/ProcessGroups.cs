using System.Globalization;
using CallCenter.Bench.Target;

namespace CallCenter.Bench.Reporting;

/// <summary>
/// The processes sharing the machine with the bench, grouped by role, so CPU can be told apart: the API
/// replicas, PostgreSQL (every backend), Redis, the web front end, and DCP (which also proxies every request
/// and every socket frame). DCP outlives its parent by design, so it is found by its <c>--monitor &lt;bench pid&gt;</c>.
/// </summary>
public static class ProcessGroups
{
    public static IReadOnlyList<(string Name, IReadOnlyList<int> Pids)> Find(bool startedHere, IReadOnlyList<(string Name, string Replica)> replicas)
    {
        var processes = Snapshot();
        var replicaPids = replicas.Select(r => (r.Name, Pid: ReplicaProcess.Find(r.Replica))).ToList();
        var groups = replicaPids.Where(r => r.Pid is not null).Select(r => (r.Name, (IReadOnlyList<int>)[r.Pid!.Value])).ToList();
        if (!startedHere)
        {
            return groups;
        }

        var monitor = $"--monitor {Environment.ProcessId}";
        var roots = processes.Where(p => p.Value.CommandLine.Contains("start-apiserver", StringComparison.Ordinal)
            && p.Value.CommandLine.Contains(monitor, StringComparison.Ordinal)).Select(p => p.Key).ToHashSet();
        var tree = processes.Keys.Where(pid => Descends(pid, roots, processes)).ToList();
        var taken = replicaPids.Where(r => r.Pid is not null).Select(r => r.Pid!.Value).ToHashSet();
        (string Name, Func<string, bool> Is)[] roles =
        [
            // Replicas the scenario did not name apart (it passed none, or not all).
            ("API replicas", line => line.Contains("CallCenter.ApiService", StringComparison.Ordinal) && !line.StartsWith("dotnet run", StringComparison.Ordinal)),
            ("PostgreSQL", line => line.StartsWith("postgres", StringComparison.Ordinal) || line.Contains("/bin/postgres ", StringComparison.Ordinal)),
            ("Redis", line => line.Contains("redis-server", StringComparison.Ordinal) || line.Contains("garnet", StringComparison.OrdinalIgnoreCase)),
            ("web", line => line.Contains("CallCenter.Web", StringComparison.Ordinal) && !line.StartsWith("dotnet run", StringComparison.Ordinal)),
            ("gateway", line => line.Contains("CallCenter.Gateway", StringComparison.Ordinal) && !line.StartsWith("dotnet run", StringComparison.Ordinal)),
            ("DCP", line => line.Contains("/dcp ", StringComparison.Ordinal)),
            ("dashboard", line => line.Contains("Aspire.Dashboard", StringComparison.Ordinal)),
        ];
        foreach (var (name, isRole) in roles)
        {
            groups.Add((name, tree.Where(pid => !taken.Contains(pid) && isRole(processes[pid].CommandLine)).ToList()));
        }

        return groups;
    }

    private static bool Descends(int pid, HashSet<int> roots, Dictionary<int, (int Parent, string CommandLine)> processes)
    {
        for (var current = pid; current > 1 && processes.ContainsKey(current); current = processes[current].Parent)
        {
            if (roots.Contains(current))
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<int, (int Parent, string CommandLine)> Snapshot()
    {
        var processes = new Dictionary<int, (int, string)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                processes[pid] = (parent, File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' '));
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return processes;
    }
}
