namespace CallCenter.AppHost.Backups;

/// <summary>Backup options resolved for one server: absolute folders and the client tools to use.</summary>
public sealed record BackupSettings(string Directory, string BinDirectory, string? Schedule, int Keep)
{
    public string BaseDirectory => Path.Combine(Directory, "base");

    /// <summary>The WAL archive PostgreSQL's <c>archive_command</c> fills and restores read from.</summary>
    public string WalDirectory => Path.Combine(Directory, "wal");
}
