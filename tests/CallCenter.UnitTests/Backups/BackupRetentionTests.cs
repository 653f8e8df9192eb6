using CallCenter.AppHost.Backups;

namespace CallCenter.UnitTests.Backups;

public sealed class BackupRetentionTests
{
    private static readonly DateTimeOffset Night = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static BackupRecord Backup(int night, BackupOutcome outcome = BackupOutcome.Verified, string? startWal = null) => new(
        $"night-{night}", Night.AddDays(night), Night.AddDays(night).AddMinutes(1), 1000, outcome, "schedule",
        outcome == BackupOutcome.Verified ? startWal ?? $"0000000100000000000000{night:X2}" : null);

    [Fact]
    public void KeepingThreeOfFiveDeletesTheTwoOldestAndTheWalOnlyTheyNeeded()
    {
        var catalog = Enumerable.Range(1, 5).Select(night => Backup(night * 2)).ToList();
        string[] wal = ["000000010000000000000002", "000000010000000000000005", "000000010000000000000006", "000000010000000000000007", "00000002.history"];

        var retention = BackupRetention.Choose(catalog, keep: 3, wal);

        Assert.Equal(["night-2", "night-4"], retention.BackupsToDelete.Select(backup => backup.Id));
        Assert.Equal(["000000010000000000000002", "000000010000000000000005"], retention.WalFilesToDelete);
    }

    [Fact]
    public void FailedBackupsCountForNothingAndGoOnceOlderThanTheOldestKept()
    {
        List<BackupRecord> catalog = [Backup(1, BackupOutcome.Failed), Backup(2), Backup(3, BackupOutcome.Failed), Backup(4), Backup(5, BackupOutcome.Failed)];

        var retention = BackupRetention.Choose(catalog, keep: 2, []);

        Assert.Equal(["night-1"], retention.BackupsToDelete.Select(backup => backup.Id));
    }

    [Fact]
    public void WithNoVerifiedBackupNothingIsDeleted()
    {
        List<BackupRecord> catalog = [Backup(1, BackupOutcome.Failed), Backup(2, BackupOutcome.Failed)];

        var retention = BackupRetention.Choose(catalog, keep: 1, ["000000010000000000000001"]);

        Assert.Empty(retention.BackupsToDelete);
        Assert.Empty(retention.WalFilesToDelete);
    }

    [Fact]
    public void WalOfAnyTimelineBeforeTheStartGoesWithItsCompanionsButHistoryAndStrangersStay()
    {
        var catalog = new[] { Backup(1, startWal: "000000020000000100000010") };
        string[] wal =
        [
            "00000001000000010000000F", "00000001000000010000000F.partial", "00000001000000010000000F.00000028.backup",
            "000000020000000100000010", "000000030000000000000099", "00000002.history", "catalog.json.tmp", "00000001000000010000000Fx",
        ];

        var retention = BackupRetention.Choose(catalog, keep: 1, wal);

        Assert.Equal(
            ["00000001000000010000000F", "00000001000000010000000F.partial", "00000001000000010000000F.00000028.backup", "000000030000000000000099"],
            retention.WalFilesToDelete);
    }
}
