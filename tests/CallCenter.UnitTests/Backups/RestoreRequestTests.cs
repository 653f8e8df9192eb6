using CallCenter.AppHost.Backups;

namespace CallCenter.UnitTests.Backups;

public sealed class RestoreRequestTests
{
    private static readonly DateTimeOffset Night = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static readonly BackupRecord[] Catalog =
    [
        new("first", Night, Night.AddMinutes(1), 1, BackupOutcome.Verified, "schedule", "000000010000000000000002"),
        new("second", Night.AddDays(1), Night.AddDays(1).AddMinutes(1), 1, BackupOutcome.Verified, "schedule", "000000010000000000000009"),
        new("broken", Night.AddDays(2), Night.AddDays(2).AddMinutes(1), 0, BackupOutcome.Failed, "schedule"),
    ];

    [Fact]
    public void WithoutATimeTheNewestVerifiedBackupIsRestored() =>
        Assert.Equal("second", new RestoreRequest("/b", "/r").ChooseBackup(Catalog).Id);

    [Fact]
    public void ATimeRestoresFromTheNewestBackupFinishedByThen()
    {
        Assert.Equal("first", new RestoreRequest("/b", "/r", Night.AddDays(1)).ChooseBackup(Catalog).Id);
        Assert.Equal("second", new RestoreRequest("/b", "/r", Night.AddDays(3)).ChooseBackup(Catalog).Id);
    }

    [Fact]
    public void ATimeBeforeEveryBackupIsRefused() =>
        Assert.Throws<InvalidOperationException>(() => new RestoreRequest("/b", "/r", Night).ChooseBackup(Catalog));

    [Fact]
    public void ArgumentsParseWithATimeInUtc()
    {
        var request = RestoreRequest.Parse(["--from", "/var/lib/callcenter/backups", "--to", "/srv/restored", "--time", "2026-12-03T06:30:00Z"]);

        Assert.Equal(new RestoreRequest("/var/lib/callcenter/backups", "/srv/restored", new DateTimeOffset(2026, 12, 3, 6, 30, 0, TimeSpan.Zero)), request);
    }

    [Theory]
    [InlineData("--from", "/b")]
    [InlineData("--from", "/b", "--to", "/r", "--time", "yesterday")]
    [InlineData("--from", "/b", "--to", "/r", "--latest")]
    public void IncompleteOrUnknownArgumentsAreRefused(params string[] args) =>
        Assert.Throws<ArgumentException>(() => RestoreRequest.Parse(args));
}
