using System.Diagnostics;
using System.Net;
using CallCenter.AppHost.Backups;
using CallCenter.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace CallCenter.Tests.Backups;

public sealed class BackupRestoreTests(BackupFixture fixture, ITestOutputHelper output) : IClassFixture<BackupFixture>
{
    [Fact]
    public async Task BackUpNowWritesAVerifiedBackupThatListBackupsShows()
    {
        var backedUp = await fixture.ExecuteAsync(BackupFixture.BackUpNow);
        Assert.True(backedUp.Success, backedUp.Message);

        var newest = BackupCatalog.Load(fixture.BackupDirectory)[^1];
        Assert.Equal(BackupOutcome.Verified, newest.Outcome);
        Assert.Equal("dashboard", newest.Trigger);
        Assert.True(newest.FileCount > 100 && newest.SizeBytes > 0, $"{newest.FileCount} files, {newest.SizeBytes} bytes");
        Assert.Contains(newest.Id, backedUp.Message);
        Assert.True(File.Exists(Path.Combine(fixture.BackupDirectory, "base", newest.Id, BackupVerifier.BaseArchive)));

        var listed = await fixture.ExecuteAsync(BackupFixture.ListBackups);
        Assert.True(listed.Success, listed.Message);
        Assert.Contains(newest.Id, listed.Data?.Value);
        Assert.True(fixture.App.App.ResourceNotifications.TryGetCurrentState("postgres", out var postgres));
        Assert.Equal(KnownResourceStates.Running, postgres.Snapshot.State?.Text);
    }

    [Fact]
    public async Task AFailedBackupIsRecordedAndShowsUnhealthyWhilePostgresKeepsRunningUntilOneSucceeds()
    {
        // A file where the backups' folder should be: pg_basebackup cannot write, whoever runs it (even root).
        var baseDirectory = Path.Combine(fixture.BackupDirectory, "base");
        var aside = baseDirectory + ".aside";
        Directory.Move(baseDirectory, aside);
        try
        {
            await File.WriteAllTextAsync(baseDirectory, "");
            var failed = await fixture.ExecuteAsync(BackupFixture.BackUpNow);
            Assert.False(failed.Success);
            Assert.Equal(BackupOutcome.Failed, BackupCatalog.Load(fixture.BackupDirectory)[^1].Outcome);
            var unhealthy = await WaitForPostgresAsync(HealthStatus.Unhealthy);
            Assert.Equal(KnownResourceStates.Running, unhealthy.Snapshot.State?.Text);
        }
        finally
        {
            File.Delete(baseDirectory);
            Directory.Move(aside, baseDirectory);
        }

        var backedUp = await fixture.ExecuteAsync(BackupFixture.BackUpNow);
        Assert.True(backedUp.Success, backedUp.Message);
        await WaitForPostgresAsync(HealthStatus.Healthy);
    }

    [Fact]
    public async Task RestoreToTheBackupAndToATimeBringsBackExactlyTheRowsOfThatMoment()
    {
        using var api = new ApiClient(fixture.App.CreateHttpClient("api"));
        await WriteAsync(api, "before the backup");
        var beforeBackup = await StoredRows.ReadAsync(fixture.App);
        var backedUp = await fixture.ExecuteAsync(BackupFixture.BackUpNow);
        Assert.True(backedUp.Success, backedUp.Message);
        var atBackup = await StoredRows.ReadAsync(fixture.App);

        var betweenCalls = await WriteAsync(api, "after the backup");
        var atTime = await StoredRows.ReadAsync(fixture.App);
        DateTime target;
        await using (var connection = await StoredRows.OpenAsync(fixture.App))
        {
            target = await StoredRows.ScalarAsync<DateTime>(connection, "SELECT clock_timestamp()");
        }

        var lateCalls = await WriteAsync(api, "after the target time");
        await ArchiveCurrentWalAsync(fixture.App);

        var toBackup = Directory.CreateTempSubdirectory("callcenter-restored-backup-").FullName;
        var toTime = Directory.CreateTempSubdirectory("callcenter-restored-time-").FullName;
        try
        {
            var restoring = Stopwatch.StartNew();
            var fromBackup = await PostgresRestore.RestoreAsync(new RestoreRequest(fixture.BackupDirectory, toBackup), CancellationToken.None);
            output.WriteLine($"Restored {fromBackup.Id} in {restoring.Elapsed.TotalSeconds:F1} s.");
            restoring.Restart();
            await PostgresRestore.RestoreAsync(new RestoreRequest(fixture.BackupDirectory, toTime, new DateTimeOffset(target, TimeSpan.Zero)), CancellationToken.None);
            output.WriteLine($"Restored to {target:O} in {restoring.Elapsed.TotalSeconds:F1} s.");

            await using (var restored = await CallCenterApp.StartAsync(toBackup, apiReplicas: 1))
            {
                await AssertHoldsAsync(restored, atBackup, beforeBackup, [.. betweenCalls, .. lateCalls]);
                await AssertSocketResumesAsync(restored, beforeBackup.LastEventId);
            }

            await using (var restored = await CallCenterApp.StartAsync(toTime, apiReplicas: 1))
            {
                await AssertHoldsAsync(restored, atTime, atTime, lateCalls);
                await AssertSocketResumesAsync(restored, atTime.LastEventId);
            }
        }
        finally
        {
            Directory.Delete(toBackup, recursive: true);
            Directory.Delete(toTime, recursive: true);
        }
    }

    private async Task<ResourceEvent> WaitForPostgresAsync(HealthStatus health)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await fixture.App.App.ResourceNotifications.WaitForResourceAsync("postgres", e => e.Snapshot.HealthStatus == health, timeout.Token);
    }

    /// <summary>
    /// The restored calls and tickets are exactly the source's at that moment; its event log and audit trail are the
    /// source's row for row up to the last entry read before that moment (the stats push may add one of its own just
    /// after), and nothing in them mentions a later call.
    /// </summary>
    private async Task AssertHoldsAsync(CallCenterApp restored, StoredRows expected, StoredRows floor, IReadOnlyList<string> laterCalls)
    {
        var rows = await StoredRows.ReadAsync(restored);
        Assert.Equal(expected.CallIds.Order(), rows.CallIds.Order());
        Assert.Equal(expected.TicketIds.Order(), rows.TicketIds.Order());
        Assert.Equal(
            await StoredRows.HistoryUpToAsync(fixture.App, floor.LastEventId, floor.LastAuditEntry),
            await StoredRows.HistoryUpToAsync(restored, floor.LastEventId, floor.LastAuditEntry));
        Assert.Equal(0, await StoredRows.MentionsAsync(restored, laterCalls));
        Assert.True(await StoredRows.MentionsAsync(fixture.App, laterCalls) > 0, "The source names the later calls, so their absence says something.");
    }

    /// <summary>A client that saw the restored log up to an event resumes from there, and sees new calls live.</summary>
    private static async Task AssertSocketResumesAsync(CallCenterApp restored, long lastEventId)
    {
        await using var socket = await LiveSocket.ConnectAsync(restored, $"?last_event_id={lastEventId - 1}");
        using var api = new ApiClient(restored.CreateHttpClient("api"));
        var call = (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}")).Expect(HttpStatusCode.OK).Str("call_id");
        var (match, before) = await socket.NextMatchingAsync(frame =>
            frame["type"]!.GetValue<string>() == "call:new" && frame["data"]!["call_id"]!.GetValue<string>() == call);
        var ids = before.Append(match).Select(frame => frame["id"]!.GetValue<long>()).ToList();
        Assert.Equal(lastEventId, ids[0]);
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(offset => ids[0] + offset), ids);
    }

    /// <summary>Two calls and a ticket; returns the calls' ids.</summary>
    private static async Task<IReadOnlyList<string>> WriteAsync(ApiClient api, string subject)
    {
        var calls = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            calls.Add((await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}")).Expect(HttpStatusCode.OK).Str("call_id"));
        }

        (await api.PostAsync($"/api/tickets?customer_name=Drill&subject={Uri.EscapeDataString(subject)}")).Expect(HttpStatusCode.OK);
        return calls;
    }

    /// <summary>Closes the current WAL segment and waits until the archive holds it, so a restore can replay past the target.</summary>
    private static async Task ArchiveCurrentWalAsync(CallCenterApp app)
    {
        await using var connection = await StoredRows.OpenAsync(app);
        var segment = await StoredRows.ScalarAsync<string>(connection, "SELECT pg_walfile_name(pg_switch_wal())");
        using var deadline = new CancellationTokenSource(StoredRows.QueryTimeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (string.CompareOrdinal(await StoredRows.ScalarAsync<string>(connection, "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver"), segment) < 0)
        {
            await poll.WaitForNextTickAsync(deadline.Token);
        }
    }
}
