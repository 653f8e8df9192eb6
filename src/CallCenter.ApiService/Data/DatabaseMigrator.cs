using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;

namespace CallCenter.ApiService.Data;

/// <summary>
/// Applies the numbered scripts in Data/Migrations once, then (in Development) the demo data, and the people no one
/// else can add (the demo floor, the bootstrap admin), before the API
/// serves. Replicas start together, so the work runs under a PostgreSQL advisory lock: one migrates, the other
/// waits and then finds nothing left to do.
/// </summary>
internal sealed class DatabaseMigrator(
    NpgsqlDataSource dataSource,
    IConfiguration configuration,
    IOptions<CallCenterOptions> options,
    IOptions<People.PeopleOptions> people,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    // An arbitrary constant shared by every replica: "CallCent" in ASCII.
    private const long MigrationLockKey = 0x43616c6c43656e74;

    /// <summary>
    /// A replica restarted while PostgreSQL is away (or still starting) waits for it instead of failing to start:
    /// every attempt is logged, the wait between them grows to 5 s.
    /// </summary>
    private readonly ResiliencePipeline _untilReachable = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(exception =>
                DatabaseFailures.IsUnavailable(exception) || exception.InnerException is { } cause && DatabaseFailures.IsUnavailable(cause)),
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(5),
            MaxRetryAttempts = 60,
            OnRetry = arguments =>
            {
                logger.LogWarning(arguments.Outcome.Exception, "PostgreSQL is not reachable yet; migrating again in {Delay:g}", arguments.RetryDelay);
                return default;
            },
        })
        .Build();

    public Task StartAsync(CancellationToken cancellationToken) =>
        _untilReachable.ExecuteAsync(MigrateAsync, cancellationToken).AsTask();

    private async ValueTask MigrateAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var acquire = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            acquire.Parameters.AddWithValue("key", MigrationLockKey);
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var upgrade = DeployChanges.To
                // The data source hides the password from its ConnectionString; DbUp opens its own connections.
                .PostgresqlDatabase(configuration.GetConnectionString(Hosting.ApplicationServiceExtensions.DatabaseConnectionName))
                .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.Contains(".Data.Migrations.", StringComparison.Ordinal))
                .WithTransactionPerScript()
                .LogTo(new MigrationLog(logger))
                .Build()
                .PerformUpgrade();
            if (!upgrade.Successful)
            {
                throw new InvalidOperationException($"Database migration failed at {upgrade.ErrorScript?.Name}.", upgrade.Error);
            }

            if (options.Value.SeedDemoData)
            {
                await DemoData.SeedAsync(lockConnection, cancellationToken);
            }

            await People.PeopleSeed.SeedAsync(lockConnection, people.Value, options.Value.SeedDemoData, logger, cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", MigrationLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>DbUp writes composite format strings; they become one structured message each.</summary>
    private sealed class MigrationLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace("{Message}", Format(format, args));

        public void LogDebug(string format, params object[] args) => logger.LogDebug("{Message}", Format(format, args));

        public void LogInformation(string format, params object[] args) => logger.LogInformation("{Message}", Format(format, args));

        public void LogWarning(string format, params object[] args) => logger.LogWarning("{Message}", Format(format, args));

        public void LogError(string format, params object[] args) => logger.LogError("{Message}", Format(format, args));

        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{Message}", Format(format, args));

        private static string Format(string format, object[] args) =>
            args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
    }
}
