using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CallCenter.AppHost.Backups;

/// <summary>
/// Takes base backups of one PostgreSQL server with <c>pg_basebackup</c> (tar, gzip, WAL streamed in), verifies each,
/// records it in the catalog and prunes by <see cref="BackupOptions.Keep"/>. One backup at a time: the schedule and
/// Back up now queue behind each other.
/// </summary>
public sealed class PostgresBackups(
    IResourceWithConnectionString server,
    BackupSettings settings,
    TimeProvider time,
    IMeterFactory meters,
    ILogger<PostgresBackups> logger)
{
    public const string MeterName = "CallCenter.Backups";
    public const string BackupsCounterName = "callcenter.backups";
    public const string DurationHistogramName = "callcenter.backup.duration";

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Counter<long> _backups = meters.Create(MeterName).CreateCounter<long>(
        BackupsCounterName, unit: "{backup}", description: "Base backups taken, by outcome (verified or failed).");
    private readonly Histogram<double> _durations = meters.Create(MeterName).CreateHistogram<double>(
        DurationHistogramName, unit: "s", description: "How long a base backup took, verification included.");

    /// <summary>The last backup this run took, if it failed: the server's backup health says so until one succeeds.</summary>
    public BackupRecord? LastFailure { get; private set; }

    public IReadOnlyList<BackupRecord> List() => BackupCatalog.Load(settings.Directory);

    public async Task<BackupRecord> TakeAsync(string trigger, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var record = await WriteAndVerifyAsync(trigger, cancellationToken);
            var catalog = BackupCatalog.Load(settings.Directory).Append(record).ToList();
            BackupCatalog.Save(settings.Directory, catalog);
            Report(record);
            if (record.Outcome == BackupOutcome.Verified)
            {
                Prune(catalog);
            }

            return record;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<BackupRecord> WriteAndVerifyAsync(string trigger, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var id = NewId(startedAt);
        var target = Path.Combine(settings.BaseDirectory, id);
        // Written under a temporary name: a folder named by its id is a backup that finished.
        var partial = target + ".partial";
        try
        {
            await RunBaseBackupAsync(partial, id, cancellationToken);
            var verified = BackupVerifier.Verify(partial);
            Directory.Move(partial, target);
            var size = new DirectoryInfo(target).EnumerateFiles().Sum(file => file.Length);
            return new BackupRecord(id, startedAt, time.GetUtcNow(), size, BackupOutcome.Verified, trigger, verified.StartWalFile, verified.FileCount);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }

            return new BackupRecord(id, startedAt, time.GetUtcNow(), 0, BackupOutcome.Failed, trigger, Error: exception.Message);
        }
    }

    private string NewId(DateTimeOffset startedAt)
    {
        var stamp = startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var id = stamp;
        for (var n = 2; Directory.Exists(Path.Combine(settings.BaseDirectory, id)); n++)
        {
            id = $"{stamp}-{n}";
        }

        return id;
    }

    private async Task RunBaseBackupAsync(string destination, string label, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(await server.ConnectionStringExpression.GetValueAsync(cancellationToken));
        var start = new ProcessStartInfo(Path.Combine(settings.BinDirectory, "pg_basebackup"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            // The password goes by environment, never argv (which any user can read in ps).
            Environment = { ["PGPASSWORD"] = connection.Password ?? "" },
        };
        foreach (var argument in (string[])[
            "-h", connection.Host ?? "127.0.0.1", "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username ?? "postgres",
            "-D", destination, "-F", "tar", "-z", "-X", "stream", "--checkpoint=fast", "--manifest-checksums=SHA256",
            "-l", $"callcenter {label}", "--no-password"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pg_basebackup did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_basebackup ended with exit code {process.ExitCode}: {(await errors).Trim()}");
        }
    }

    private void Report(BackupRecord record)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", record.Outcome.ToString().ToLowerInvariant());
        _backups.Add(1, outcome);
        _durations.Record(record.Duration.TotalSeconds, outcome);
        if (record.Outcome == BackupOutcome.Verified)
        {
            LastFailure = null;
            logger.LogInformation(
                "Backup {Id} verified: {Files} files, {Size:N0} bytes in {Duration:F1} s ({Trigger}).",
                record.Id, record.FileCount, record.SizeBytes, record.Duration.TotalSeconds, record.Trigger);
        }
        else
        {
            LastFailure = record;
            logger.LogError("Backup {Id} failed ({Trigger}): {Error}", record.Id, record.Trigger, record.Error);
        }
    }

    private void Prune(IReadOnlyList<BackupRecord> catalog)
    {
        var walNames = Directory.EnumerateFiles(settings.WalDirectory).Select(Path.GetFileName).OfType<string>();
        var retention = BackupRetention.Choose(catalog, settings.Keep, walNames);
        foreach (var backup in retention.BackupsToDelete)
        {
            var path = Path.Combine(settings.BaseDirectory, backup.Id);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        foreach (var wal in retention.WalFilesToDelete)
        {
            File.Delete(Path.Combine(settings.WalDirectory, wal));
        }

        if (retention.BackupsToDelete.Count > 0)
        {
            BackupCatalog.Save(settings.Directory, catalog.Except(retention.BackupsToDelete));
            logger.LogInformation(
                "Pruned {Backups} backups and {Wal} WAL files beyond the newest {Keep}.",
                retention.BackupsToDelete.Count, retention.WalFilesToDelete.Count, settings.Keep);
        }
    }
}
