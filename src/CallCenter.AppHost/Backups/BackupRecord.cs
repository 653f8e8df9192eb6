namespace CallCenter.AppHost.Backups;

public enum BackupOutcome
{
    Verified,
    Failed,
}

/// <summary>One base backup as the catalog remembers it: when, how big, how long, and whether it can be trusted.</summary>
public sealed record BackupRecord(
    string Id,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    long SizeBytes,
    BackupOutcome Outcome,
    string Trigger,
    string? StartWalFile = null,
    int? FileCount = null,
    string? Error = null)
{
    public TimeSpan Duration => FinishedAt - StartedAt;
}
