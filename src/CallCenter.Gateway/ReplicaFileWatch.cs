namespace CallCenter.Gateway;

/// <summary>
/// Calls back whenever the replica file is written or replaced, watching its one directory and nothing below it.
/// A <c>PhysicalFileProvider</c> would watch the directory's whole tree: with the file in the system's temp
/// directory that was every file any process wrote there, PostgreSQL's data under a throw-away root included, about
/// a tenth of the gateway's CPU under writes (bench/README.md, session 20).
/// </summary>
internal sealed class ReplicaFileWatch : IDisposable
{
    private readonly FileSystemWatcher _watcher;

    public ReplicaFileWatch(string path, Action changed)
    {
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Created += (_, _) => changed();
        _watcher.Changed += (_, _) => changed();
        // The AppHost writes the list beside the file and renames it into place.
        _watcher.Renamed += (_, _) => changed();
        _watcher.Deleted += (_, _) => changed();
        // Events lost (the watch's buffer overflowed): read the list again rather than keep a stale one.
        _watcher.Error += (_, _) => changed();
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose() => _watcher.Dispose();
}
