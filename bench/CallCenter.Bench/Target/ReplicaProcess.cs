using System.Globalization;

namespace CallCenter.Bench.Target;

/// <summary>
/// Finds an API replica's own process from the name it answers with. Aspire gives each replica
/// <c>OTEL_SERVICE_NAME</c> and a <c>service.instance.id</c> in <c>OTEL_RESOURCE_ATTRIBUTES</c>; X-Served-By is
/// <c>{service}-{instance}</c> (or just the instance), so the process whose environment says so is the replica.
/// That works alike for a system the bench started and one already running (as the same user, or root).
/// DCP starts a replica as <c>dotnet run</c> with the service as its child, both carrying the variables:
/// the child, the one that holds the sockets, is chosen.
/// </summary>
public static class ReplicaProcess
{
    public static int? Find(string replica)
    {
        var matches = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && NamesOf(pid).Contains(replica) && ParentOf(pid) is { } parent)
            {
                matches[pid] = parent;
            }
        }

        var leaves = matches.Keys.Where(pid => !matches.ContainsValue(pid)).ToList();
        return leaves.Count == 1 ? leaves[0] : null;
    }

    /// <summary>Resident memory in KiB (VmRSS), or null once the process is gone.</summary>
    public static long? ResidentKiB(int pid) => StatusField(pid, "VmRSS:");

    public static long? Threads(int pid) => StatusField(pid, "Threads:");

    /// <summary>The soft limit on open files, which caps the sockets a process can hold.</summary>
    public static long? OpenFileLimit(int pid)
    {
        var line = ReadOrNull($"/proc/{pid}/limits")?.Split('\n').FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
    }

    private static long? StatusField(int pid, string name)
    {
        var line = ReadOrNull($"/proc/{pid}/status")?.Split('\n').FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The replica's own address, behind the proxy: the first http URL it was told to listen on
    /// (<c>ASPNETCORE_URLS</c>, which Aspire sets per replica), with a wildcard host read as localhost.
    /// </summary>
    public static Uri? ListenAddress(int pid)
    {
        var url = EnvironmentOf(pid).GetValueOrDefault("ASPNETCORE_URLS")?.Split(';')
            .FirstOrDefault(u => u.StartsWith("http://", StringComparison.Ordinal));
        return url is null ? null : new Uri(url.Replace("://+:", "://localhost:").Replace("://*:", "://localhost:"));
    }

    /// <summary>The names a process would answer with: its service.instance.id, alone and after its service name.</summary>
    private static IReadOnlyList<string> NamesOf(int pid)
    {
        var variables = EnvironmentOf(pid);
        var instance = variables.GetValueOrDefault("OTEL_RESOURCE_ATTRIBUTES")?.Split(',')
            .Select(attribute => attribute.Trim().Split('=', 2))
            .FirstOrDefault(pair => pair.Length == 2 && pair[0] == "service.instance.id")?[1];
        return instance is null ? [] : [instance, $"{variables.GetValueOrDefault("OTEL_SERVICE_NAME")}-{instance}"];
    }

    private static Dictionary<string, string> EnvironmentOf(int pid) =>
        (ReadOrNull($"/proc/{pid}/environ") ?? "").Split('\0')
            .Select(variable => variable.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0])
            .ToDictionary(group => group.Key, group => group.First()[1]);

    private static int? ParentOf(int pid)
    {
        var stat = ReadOrNull($"/proc/{pid}/stat");
        return stat is null ? null : int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The process ended while we looked, or belongs to a user we cannot read.
            return null;
        }
    }
}
