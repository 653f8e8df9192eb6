using CallCenter.AppHost.Backups;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallCenter.AppHost.Infrastructure;

/// <summary>The database and the cache the services reference, whichever way they are hosted.</summary>
internal sealed record CallCenterInfrastructure(
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResourceWithConnectionString> Redis);

internal static class CallCenterInfrastructureExtensions
{
    public static CallCenterInfrastructure AddCallCenterInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var options = InfrastructureOptions.From(builder.Configuration);
        var useContainers = options.Mode switch
        {
            InfrastructureMode.Containers => true,
            InfrastructureMode.Local => false,
            _ => ContainerRuntime.IsAvailable(),
        };

        // Generated once and kept in the AppHost's user secrets, so data made by one run opens in the next.
        var postgresPassword = builder.AddParameter(
            $"{ResourceNames.Postgres}-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
        var redisPassword = builder.AddParameter(
            $"{ResourceNames.Redis}-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);

        // Publishing (the manifest) writes the model down and starts nothing, so it needs no engine.
        if (options.Mode == InfrastructureMode.Containers && builder.ExecutionContext.IsRunMode)
        {
            RefuseToStartWithoutEngine(builder);
        }

        return useContainers
            ? AddContainers(builder, options, postgresPassword, redisPassword)
            : AddLocalProcesses(builder, options, postgresPassword, redisPassword);
    }

    private static CallCenterInfrastructure AddContainers(
        IDistributedApplicationBuilder builder,
        InfrastructureOptions options,
        IResourceBuilder<ParameterResource> postgresPassword,
        IResourceBuilder<ParameterResource> redisPassword)
    {
        var server = builder.AddPostgres(ResourceNames.Postgres, password: postgresPassword)
            .WithDataVolume("callcenter-postgres-data");
        var backups = BackupOptions.From(builder.Configuration);
        if (backups.IsEnabled(options.Ephemeral) && builder.ExecutionContext.IsRunMode)
        {
            // The container's data sits in a volume the host cannot read: the host's client tools back it up over
            // the network on the same schedule. No WAL archive, so a restore reaches the time of a backup.
            var binDirectory = PostgresBinaries.LocateClient(options.PostgresBinDirectory);
            if (binDirectory is null)
            {
                Announce(builder, "Backups are off: pg_basebackup was not found (install the PostgreSQL client tools or set Infrastructure:PostgresBinDirectory).");
            }
            else
            {
                server.WithBackups(new BackupSettings(
                    backups.ResolveDirectory(options.ResolveDataRoot()), binDirectory, backups.Schedule, backups.Keep));
            }
        }

        var database = server.AddDatabase(ResourceNames.Database);
        var redis = builder.AddRedis(ResourceNames.Redis, password: redisPassword)
            .WithDataVolume("callcenter-redis-data");

        Announce(builder, "Infrastructure: containers (PostgreSQL and Redis images, data in named volumes).");
        return new CallCenterInfrastructure(database, redis);
    }

    private static CallCenterInfrastructure AddLocalProcesses(
        IDistributedApplicationBuilder builder,
        InfrastructureOptions options,
        IResourceBuilder<ParameterResource> postgresPassword,
        IResourceBuilder<ParameterResource> redisPassword)
    {
        var dataRoot = options.ResolveDataRoot();
        Directory.CreateDirectory(dataRoot);

        var server = builder.AddLocalPostgres(ResourceNames.Postgres, postgresPassword, options, Path.Combine(dataRoot, "postgres"));
        var backups = BackupOptions.From(builder.Configuration);
        var backupDescription = "no backups";
        if (backups.IsEnabled(options.Ephemeral))
        {
            var settings = new BackupSettings(
                backups.ResolveDirectory(dataRoot), PostgresBinaries.Locate(options.PostgresBinDirectory), backups.Schedule, backups.Keep);
            server.WithWalArchive(settings).WithBackups(settings);
            backupDescription = $"backups in {settings.Directory}"
                + (string.IsNullOrWhiteSpace(settings.Schedule) ? " (on demand)" : $" (schedule '{settings.Schedule}', keep {settings.Keep})");
        }

        var database = server.AddLocalDatabase(ResourceNames.Database);
        var redis = builder.AddLocalRedis(
            ResourceNames.Redis, redisPassword, options, Path.Combine(dataRoot, "redis"), out var redisDescription);

        var durability = options.Ephemeral ? "throw-away (fsync off)" : "durable";
        Announce(builder, $"Infrastructure: local processes. PostgreSQL and {redisDescription}. Data root: {dataRoot} ({durability}); {backupDescription}.");
        return new CallCenterInfrastructure(database, redis);
    }

    /// <summary>
    /// Aspire's container resources wait forever for an engine that does not answer. Checked when the app starts,
    /// not when the model is built, so the Containers model can still be inspected on a machine without one.
    /// </summary>
    private static void RefuseToStartWithoutEngine(IDistributedApplicationBuilder builder) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((_, _) => ContainerRuntime.IsAvailable()
            ? Task.CompletedTask
            : throw new InvalidOperationException(
                "Infrastructure:Mode is Containers, but neither 'docker info' nor 'podman info' answers. Start Docker or Podman, "
                + "or run with Infrastructure:Mode=Local (PostgreSQL server binaries, and redis-server or the Garnet fallback)."));

    /// <summary>Logged when the app starts, so the console says which infrastructure runs and where data lives.</summary>
    private static void Announce(IDistributedApplicationBuilder builder, string message) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CallCenter.AppHost").LogInformation("{Message}", message);
            return Task.CompletedTask;
        });
}
