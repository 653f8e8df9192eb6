namespace CallCenter.AppHost.Backups;

/// <summary>What pruning removes: backups beyond the newest <c>Keep</c> verified ones, and WAL no kept backup needs.</summary>
public sealed record BackupRetention(IReadOnlyList<BackupRecord> BackupsToDelete, IReadOnlyList<string> WalFilesToDelete)
{
    private const int SegmentNameLength = 24;

    public static BackupRetention Choose(IReadOnlyList<BackupRecord> catalog, int keep, IEnumerable<string> walFileNames)
    {
        var kept = catalog.Where(record => record.Outcome == BackupOutcome.Verified)
            .OrderByDescending(record => record.StartedAt)
            .Take(keep)
            .ToList();
        // Nothing verified means nothing to restore from: keep everything rather than guess.
        if (kept.Count == 0)
        {
            return new BackupRetention([], []);
        }

        var oldestKept = kept[^1];
        var backups = catalog.Where(record => record.StartedAt < oldestKept.StartedAt).ToList();
        var wal = oldestKept.StartWalFile is { Length: SegmentNameLength } start
            ? walFileNames.Where(name => IsSegmentBefore(name, start)).ToList()
            : [];
        return new BackupRetention(backups, wal);
    }

    /// <summary>
    /// pg_archivecleanup's rule: a segment (or its .partial/.backup companion) older than the start segment, whatever
    /// its timeline. Timeline history files are tiny and needed to follow timelines, so they stay.
    /// </summary>
    private static bool IsSegmentBefore(string name, string startSegment) =>
        name.Length >= SegmentNameLength
        && name[..SegmentNameLength].All(Uri.IsHexDigit)
        && (name.Length == SegmentNameLength || name[SegmentNameLength] == '.')
        && string.CompareOrdinal(name[8..SegmentNameLength], startSegment[8..]) < 0;
}
