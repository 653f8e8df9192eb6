using CallCenter.AppHost.Backups;

namespace CallCenter.UnitTests.Backups;

public sealed class BackupCatalogTests
{
    [Fact]
    public void FormattedCatalogParsesBackOldestFirst()
    {
        var started = new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
        BackupRecord[] records =
        [
            new("20261203T020000Z", started, started.AddSeconds(12.5), 4_200_000, BackupOutcome.Verified, "schedule", "000000010000000000000004", 981),
            new("20261202T020000Z", started.AddDays(-1), started.AddDays(-1).AddSeconds(3), 0, BackupOutcome.Failed, "dashboard", Error: "pg_basebackup ended with exit code 1"),
        ];

        var parsed = BackupCatalog.Parse(BackupCatalog.Format(records));

        Assert.Equal([records[1], records[0]], parsed);
        Assert.Equal(TimeSpan.FromSeconds(12.5), parsed[1].Duration);
    }

    [Fact]
    public void OutcomesAreWordsInTheFile()
    {
        var json = """[{"id":"a","startedAt":"2026-12-03T02:00:00+00:00","finishedAt":"2026-12-03T02:00:09+00:00","sizeBytes":1,"outcome":"verified","trigger":"schedule"}]""";

        var record = Assert.Single(BackupCatalog.Parse(json));

        Assert.Equal(BackupOutcome.Verified, record.Outcome);
        Assert.Contains("\"outcome\": \"verified\"", BackupCatalog.Format([record]));
    }

    [Fact]
    public void AnEmptyCatalogIsNoBackups() => Assert.Empty(BackupCatalog.Parse("[]"));
}
