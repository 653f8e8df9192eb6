using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using CallCenter.AppHost.Infrastructure;

namespace CallCenter.AppHost.Backups;

/// <summary>
/// Restores a base backup into a fresh data root and runs PostgreSQL's recovery there once, to the end of the backup
/// or (with a time) through the WAL archive up to that time, then stops it: the AppHost then starts on that data root
/// as on any other, and the restored server begins a timeline of its own.
/// </summary>
public static class PostgresRestore
{
    private const string OsUser = "postgres";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            var request = RestoreRequest.Parse(args);
            var backup = await RestoreAsync(request, cancellationToken);
            output.WriteLine($"Restored backup {backup.Id} ({(request.Time is { } time ? $"replayed to {time:u}" : "as it was taken")}) into {request.To}.");
            output.WriteLine($"Start the call center on it: dotnet run --project src/CallCenter.AppHost -- --Infrastructure:DataRoot={request.To}");
            return 0;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IOException or InvalidDataException)
        {
            output.WriteLine($"Restore failed: {exception.Message}");
            return 1;
        }
    }

    public static async Task<BackupRecord> RestoreAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        var backup = request.ChooseBackup(BackupCatalog.Load(request.From));
        var source = new BackupSettings(request.From, PostgresBinaries.Locate(request.BinDirectory), null, 1);
        var dataDirectory = Path.Combine(request.To, "postgres");
        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            throw new InvalidOperationException($"{dataDirectory} is not empty: restore into a fresh data root.");
        }

        if (Environment.IsPrivilegedProcess)
        {
            FileAccessForOsUser.EnsureTraversable(request.To);
            FileAccessForOsUser.EnsureTraversable(request.From);
        }

        try
        {
            Directory.CreateDirectory(dataDirectory);
            var backupPath = Path.Combine(source.BaseDirectory, backup.Id);
            await ExtractAsync(Path.Combine(backupPath, BackupVerifier.BaseArchive), dataDirectory, cancellationToken);
            await ExtractAsync(Path.Combine(backupPath, BackupVerifier.WalArchive), Path.Combine(dataDirectory, "pg_wal"), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(dataDirectory, "recovery.signal"), "", cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            if (Environment.IsPrivilegedProcess)
            {
                await RunAsync("chown", ["-R", $"{OsUser}:{OsUser}", dataDirectory], cancellationToken);
            }

            await RecoverAsync(source, dataDirectory, request.Time, cancellationToken);
        }
        catch
        {
            // A half-restored data directory would start as if whole: it goes, and the command can run again.
            Directory.Delete(dataDirectory, recursive: true);
            throw;
        }

        return backup;
    }

    private static async Task ExtractAsync(string archive, string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(destination);
        await using var file = File.OpenRead(archive);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await TarFile.ExtractToDirectoryAsync(gzip, destination, overwriteFiles: false, cancellationToken);
    }

    /// <summary>
    /// Runs the server with hot standby off, so it accepts no session before recovery ends; it is done when it has
    /// promoted itself (recovery.signal gone) and says ready. Then a fast stop.
    /// </summary>
    private static async Task RecoverAsync(BackupSettings source, string dataDirectory, DateTimeOffset? time, CancellationToken cancellationToken)
    {
        string[] target = time is { } at
            ? ["-c", $"recovery_target_time={at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00"]
            : ["-c", "recovery_target=immediate"];
        using var server = Process.Start(AsPostgres(Path.Combine(source.BinDirectory, "postgres"),
        [
            "-D", dataDirectory,
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"port={LocalPort.Free()}",
            "-c", "unix_socket_directories=",
            "-c", "hot_standby=off",
            "-c", "archive_mode=off",
            "-c", $"restore_command={WalArchiving.RestoreCommand(source.WalDirectory)}",
            "-c", "recovery_target_action=promote",
            .. target,
        ])) ?? throw new InvalidOperationException("postgres did not start.");
        try
        {
            var log = server.StandardError.ReadToEndAsync(cancellationToken);
            var signal = Path.Combine(dataDirectory, "recovery.signal");
            var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
            using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            while (File.Exists(signal) || !IsReady(pidFile))
            {
                if (server.HasExited)
                {
                    throw new InvalidOperationException($"Recovery failed (postgres exit code {server.ExitCode}):\n{string.Join('\n', (await log).Split('\n').TakeLast(15))}");
                }

                await poll.WaitForNextTickAsync(cancellationToken);
            }

            var stop = AsPostgres(Path.Combine(source.BinDirectory, "pg_ctl"), ["stop", "-D", dataDirectory, "-m", "fast", "-w"]);
            await RunAsync(stop.FileName, [.. stop.ArgumentList], cancellationToken);
            await server.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            // Given up on (cancelled): no server may outlive the command on a folder about to be deleted.
            if (!server.HasExited)
            {
                server.Kill();
            }
        }
    }

    /// <summary>postmaster.pid's eighth line is the server's status; "ready" once it accepts sessions.</summary>
    private static bool IsReady(string pidFile)
    {
        try
        {
            return File.Exists(pidFile) && File.ReadLines(pidFile).Skip(7).FirstOrDefault()?.Trim() == "ready";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>PostgreSQL's programs refuse to run as root: as root they run as the 'postgres' user.</summary>
    private static ProcessStartInfo AsPostgres(string program, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(Environment.IsPrivilegedProcess ? "setpriv" : program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        string[] prefix = Environment.IsPrivilegedProcess ? [$"--reuid={OsUser}", $"--regid={OsUser}", "--init-groups", program] : [];
        foreach (var argument in prefix.Concat(args))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed (exit code {process.ExitCode}): {(await errors).Trim()}");
        }
    }
}
