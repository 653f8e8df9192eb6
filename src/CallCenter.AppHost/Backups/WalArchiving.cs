namespace CallCenter.AppHost.Backups;

/// <summary>The server settings that copy each finished WAL segment into the archive, and read them back at restore.</summary>
public static class WalArchiving
{
    /// <summary>
    /// Never overwrites a different file (an identical one is a retry after a crash, and succeeds); copies under a
    /// temporary name, flushes, then renames and flushes the folder, so the archive never holds half a segment.
    /// </summary>
    public static string ArchiveCommand(string walDirectory)
    {
        var target = $"{Quote(walDirectory)}/%f";
        return $"if [ -f {target} ]; then cmp -s %p {target}; "
            + $"else cp %p {target}.part && sync {target}.part && mv {target}.part {target} && sync {Quote(walDirectory)}; fi";
    }

    public static string RestoreCommand(string walDirectory) => $"cp {Quote(walDirectory)}/%f %p";

    public static IReadOnlyList<string> ServerArguments(string walDirectory) =>
    [
        "-c", "archive_mode=on",
        "-c", $"archive_command={ArchiveCommand(walDirectory)}",
        // A quiet center still closes a segment every five minutes, so a restore can reach that close to now.
        "-c", "archive_timeout=300",
    ];

    /// <summary>Single-quoted for /bin/sh: the folder is configuration, and may hold spaces.</summary>
    private static string Quote(string path) => $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
