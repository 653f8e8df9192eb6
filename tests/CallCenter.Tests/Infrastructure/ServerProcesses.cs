using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CallCenter.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL and Redis processes a running app owns, read from DCP's snapshots and from /proc, so a test
/// can prove that stopping the app leaves none behind.
/// </summary>
internal static class ServerProcesses
{
    private static readonly string[] ServerResources = ["postgres", "redis"];

    /// <summary>The servers' own PIDs, PostgreSQL's backends, and anything whose command line names the data root.</summary>
    public static IReadOnlySet<int> Of(CallCenterApp app)
    {
        var pids = new HashSet<int>();
        foreach (var resource in ServerResources)
        {
            if (!app.App.ResourceNotifications.TryGetCurrentState(resource, out var state)
                || state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is not { } pid)
            {
                throw new InvalidOperationException($"'{resource}' has no process id in its snapshot.");
            }

            pids.Add(Convert.ToInt32(pid, CultureInfo.InvariantCulture));
        }

        var running = Running().ToList();
        pids.UnionWith(running.Where(p => pids.Contains(p.ParentPid)).Select(p => p.Pid));
        pids.UnionWith(running.Where(p => p.CommandLine.Contains(app.DataRoot, StringComparison.Ordinal)).Select(p => p.Pid));
        return pids;
    }

    /// <summary>Which of <paramref name="pids"/> still run (zombies count as gone), plus any process naming the data root.</summary>
    public static IReadOnlyList<string> StillRunning(IReadOnlySet<int> pids, string dataRoot) =>
        Running()
            .Where(p => pids.Contains(p.Pid) || p.CommandLine.Contains(dataRoot, StringComparison.Ordinal))
            .Select(p => $"{p.Pid}: {p.CommandLine}")
            .ToList();

    public static int? ProcessId(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, CultureInfo.InvariantCulture)
            : null;

    /// <summary>SIGKILL, as the kernel's OOM killer or an operator's kill -9 would; nothing gets to clean up.</summary>
    public static void Kill(CallCenterApp app, string resourceId)
    {
        using var process = System.Diagnostics.Process.GetProcessById(PidOf(app, resourceId));
        process.Kill();
    }

    /// <summary>
    /// SIGKILL to a service replica's own process: DCP runs a project through a launcher ('dotnet run'), and the
    /// service is the launcher's child.
    /// </summary>
    public static void KillService(CallCenterApp app, string resourceId)
    {
        var launcher = PidOf(app, resourceId);
        var service = ChildrenOf(launcher) is [var child] ? child : launcher;
        using var process = System.Diagnostics.Process.GetProcessById(service);
        process.Kill();
    }

    /// <summary>
    /// A process of the resource started after the kill runs and its health check answers. A server is known by its
    /// name, a replica by its id (WaitForResourceAsync matches names, which every replica of a project shares).
    /// </summary>
    public static async Task WaitUntilReplacedAsync(CallCenterApp app, string resource, DateTime killedAt, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        await foreach (var e in app.App.ResourceNotifications.WatchAsync(timeout.Token))
        {
            if ((e.ResourceId == resource || e.Resource.Name == resource)
                && e.Snapshot.State?.Text == KnownResourceStates.Running
                && e.Snapshot.StartTimeStamp > killedAt
                && e.Snapshot.HealthStatus == HealthStatus.Healthy)
            {
                return;
            }
        }
    }

    private static int PidOf(CallCenterApp app, string resourceId) =>
        app.App.ResourceNotifications.TryGetCurrentState(resourceId, out var state) && ProcessId(state.Snapshot) is { } pid
            ? pid
            : throw new InvalidOperationException($"'{resourceId}' has no process id.");

    /// <summary>The running children of <paramref name="parentPid"/>, such as the server a launcher started.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parentPid) =>
        Running().Where(p => p.ParentPid == parentPid).Select(p => p.Pid).ToList();

    private static IEnumerable<(int Pid, int ParentPid, string CommandLine)> Running()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            string stat, commandLine;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
            }
            catch (IOException)
            {
                // The process ended while we looked.
                continue;
            }

            // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields[0] != "Z")
            {
                yield return (pid, int.Parse(fields[1], CultureInfo.InvariantCulture), commandLine);
            }
        }
    }
}
