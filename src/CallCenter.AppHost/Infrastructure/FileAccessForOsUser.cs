namespace CallCenter.AppHost.Infrastructure;

internal static class FileAccessForOsUser
{
    private const UnixFileMode Traverse = UnixFileMode.OtherExecute | UnixFileMode.GroupExecute;

    /// <summary>
    /// Creates the data root and lets other users traverse it (temp folders are 0700), so PostgreSQL's own
    /// user reaches its data directory. Parents are not ours to loosen: a closed one is a clear error.
    /// </summary>
    public static void EnsureTraversable(string dataRoot)
    {
        Directory.CreateDirectory(dataRoot);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(dataRoot);
        if ((mode & Traverse) != Traverse)
        {
            File.SetUnixFileMode(dataRoot, mode | Traverse);
        }

        for (var parent = Directory.GetParent(dataRoot); parent is not null; parent = parent.Parent)
        {
            if ((File.GetUnixFileMode(parent.FullName) & UnixFileMode.OtherExecute) == 0)
            {
                throw new InvalidOperationException(
                    $"Infrastructure:DataRoot '{dataRoot}' is inside '{parent.FullName}', which the 'postgres' user cannot enter. "
                    + "Choose a data root outside it (for example /var/lib/callcenter).");
            }
        }
    }

    /// <summary>Hands a folder we made to the 'postgres' user, who writes into it (the WAL archive).</summary>
    public static void GiveToPostgres(string directory)
    {
        using var chown = System.Diagnostics.Process.Start("chown", ["postgres:postgres", directory]);
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"'chown postgres:postgres {directory}' failed (exit code {chown.ExitCode}).");
        }
    }
}
