using CallCenter.AppHost.Backups;

namespace CallCenter.UnitTests.Backups;

public sealed class WalArchivingTests
{
    [Fact]
    public void ArchiveCommandNeverOverwritesAndRenamesOnlyAFlushedCopy()
    {
        var command = WalArchiving.ArchiveCommand("/var/lib/callcenter/backups/wal");

        Assert.Equal(
            "if [ -f '/var/lib/callcenter/backups/wal'/%f ]; then cmp -s %p '/var/lib/callcenter/backups/wal'/%f; "
            + "else cp %p '/var/lib/callcenter/backups/wal'/%f.part && sync '/var/lib/callcenter/backups/wal'/%f.part "
            + "&& mv '/var/lib/callcenter/backups/wal'/%f.part '/var/lib/callcenter/backups/wal'/%f && sync '/var/lib/callcenter/backups/wal'; fi",
            command);
    }

    [Fact]
    public void AFolderWithAQuoteStaysOneShellWord() =>
        Assert.Equal(@"cp '/srv/o'\''brien/wal'/%f %p", WalArchiving.RestoreCommand("/srv/o'brien/wal"));
}
