using Microsoft.Extensions.Configuration;

namespace CallCenter.AppHost.Backups;

/// <summary>The <c>Backup</c> section of the AppHost's configuration.</summary>
public sealed class BackupOptions
{
    public const string SectionName = "Backup";

    /// <summary>
    /// WAL archiving, scheduled base backups and the dashboard's commands. Unset means on for kept data and off for
    /// throw-away data (<c>Infrastructure:Ephemeral</c>), so tests pay nothing unless they ask.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Where base backups, the WAL archive and the catalog live; <c>&lt;DataRoot&gt;/backups</c> when unset.</summary>
    public string? Directory { get; set; }

    /// <summary>A cron expression in the machine's time zone; empty means no scheduled backups (Back up now still works).</summary>
    public string Schedule { get; set; } = "0 2 * * *";

    /// <summary>How many verified base backups to keep; WAL older than the oldest kept one is deleted with it.</summary>
    public int Keep { get; set; } = 7;

    public static BackupOptions From(IConfiguration configuration)
    {
        var options = new BackupOptions();
        configuration.GetSection(SectionName).Bind(options);
        if (options.Keep < 1)
        {
            throw new InvalidOperationException($"Backup:Keep is {options.Keep}; keep at least one backup.");
        }

        return options;
    }

    public bool IsEnabled(bool ephemeral) => Enabled ?? !ephemeral;

    public string ResolveDirectory(string dataRoot) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(Directory) ? Path.Combine(dataRoot, "backups") : Directory);
}
