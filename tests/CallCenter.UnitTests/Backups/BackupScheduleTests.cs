using CallCenter.AppHost.Backups;
using Microsoft.Extensions.Time.Testing;

namespace CallCenter.UnitTests.Backups;

public sealed class BackupScheduleTests
{
    [Fact]
    public void NightlyRunsAtTwoOnTheLocalWallClockTonightThenTomorrow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 6, 30, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh"));
        var schedule = BackupSchedule.Parse("0 2 * * *", time)!;

        // 06:30 UTC is 09:30 in Riyadh: the next 02:00 there is tomorrow, 23:00 UTC today.
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 23, 0, 0, TimeSpan.Zero), schedule.NextRun());

        time.Advance(TimeSpan.FromHours(16.5));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero), schedule.NextRun());
    }

    [Fact]
    public void AnEmptyScheduleMeansOnDemandOnly() =>
        Assert.Null(BackupSchedule.Parse(" ", TimeProvider.System));

    [Fact]
    public void AScheduleThatIsNotCronIsRefusedByName()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => BackupSchedule.Parse("nightly", TimeProvider.System));
        Assert.Contains("Backup:Schedule 'nightly'", refused.Message);
    }
}
