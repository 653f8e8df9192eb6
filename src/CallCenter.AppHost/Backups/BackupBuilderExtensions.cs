using System.Globalization;
using System.Text;
using CallCenter.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CallCenter.AppHost.Backups;

internal static class BackupBuilderExtensions
{
    public const string BackUpNowCommand = "backup-now";
    public const string ListBackupsCommand = "list-backups";

    /// <summary>
    /// Scheduled, verified base backups of <paramref name="server"/>, a health check that turns Unhealthy when one
    /// fails, and the dashboard's Back up now and List backups commands on the server.
    /// </summary>
    public static IResourceBuilder<T> WithBackups<T>(this IResourceBuilder<T> server, BackupSettings settings)
        where T : IResourceWithConnectionString
    {
        Directory.CreateDirectory(settings.BaseDirectory);
        Directory.CreateDirectory(settings.WalDirectory);

        var services = server.ApplicationBuilder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<PostgresBackups>(provider, server.Resource, settings));
        if (BackupSchedule.Parse(settings.Schedule, TimeProvider.System) is not null)
        {
            services.AddSingleton<IHostedService>(provider => ActivatorUtilities.CreateInstance<BackupScheduler>(
                provider, BackupSchedule.Parse(settings.Schedule, provider.GetRequiredService<TimeProvider>())!));
        }

        var healthCheckKey = $"{server.Resource.Name}_backup_check";
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, provider => new BackupHealthCheck(provider.GetRequiredService<PostgresBackups>()), failureStatus: null, tags: null));

        return server
            .WithHealthCheck(healthCheckKey)
            .WithCommand(BackUpNowCommand, "Back up now", BackUpNowAsync, new CommandOptions
            {
                Description = $"Takes a verified base backup into {settings.BaseDirectory}.",
                IconName = "Save",
                UpdateState = WhileRunning,
            })
            .WithCommand(ListBackupsCommand, "List backups", ListBackups, new CommandOptions
            {
                Description = $"The backups in {BackupCatalog.FileName} of {settings.Directory}.",
                IconName = "History",
            });
    }

    /// <summary>Local mode: the server archives every finished WAL segment, so a restore can reach any time after a backup.</summary>
    public static IResourceBuilder<LocalPostgresServerResource> WithWalArchive(
        this IResourceBuilder<LocalPostgresServerResource> server, BackupSettings settings)
    {
        Directory.CreateDirectory(settings.WalDirectory);
        if (Environment.IsPrivilegedProcess)
        {
            // PostgreSQL's own user writes the archive.
            FileAccessForOsUser.EnsureTraversable(settings.Directory);
            FileAccessForOsUser.GiveToPostgres(settings.WalDirectory);
        }

        return server.WithArgs([.. WalArchiving.ServerArguments(settings.WalDirectory)]);
    }

    private static ResourceCommandState WhileRunning(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    private static async Task<ExecuteCommandResult> BackUpNowAsync(ExecuteCommandContext context)
    {
        var backup = await context.Services.GetRequiredService<PostgresBackups>().TakeAsync("dashboard", context.CancellationToken);
        return backup.Outcome == BackupOutcome.Verified
            ? CommandResults.Success($"Backup {backup.Id} verified: {backup.FileCount} files, {Megabytes(backup.SizeBytes)} in {backup.Duration.TotalSeconds:F1} s.")
            : CommandResults.Failure($"Backup {backup.Id} failed: {backup.Error}");
    }

    private static Task<ExecuteCommandResult> ListBackups(ExecuteCommandContext context)
    {
        var backups = context.Services.GetRequiredService<PostgresBackups>().List();
        var table = new StringBuilder("| Backup | Started (UTC) | Size | Duration | Outcome | Trigger |\n|---|---|---|---|---|---|\n");
        foreach (var backup in backups.Reverse())
        {
            table.Append(CultureInfo.InvariantCulture,
                $"| {backup.Id} | {backup.StartedAt.UtcDateTime:u} | {Megabytes(backup.SizeBytes)} | {backup.Duration.TotalSeconds:F1} s | {backup.Outcome}{(backup.Error is null ? "" : $": {backup.Error}")} | {backup.Trigger} |\n");
        }

        var verified = backups.Count(backup => backup.Outcome == BackupOutcome.Verified);
        return Task.FromResult(CommandResults.Success($"{verified} verified backups of {backups.Count}.", table.ToString(), CommandResultFormat.Markdown));
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_048_576.0:F1} MB");
}
