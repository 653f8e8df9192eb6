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
            ? AddContainers(builder, postgresPassword, redisPassword)
            : AddLocalProcesses(builder, options, postgresPassword, redisPassword);
    }

    private static CallCenterInfrastructure AddContainers(
        IDistributedApplicationBuilder builder,
        IResourceBuilder<ParameterResource> postgresPassword,
        IResourceBuilder<ParameterResource> redisPassword)
    {
        var database = builder.AddPostgres(ResourceNames.Postgres, password: postgresPassword)
            .WithDataVolume("callcenter-postgres-data")
            .AddDatabase(ResourceNames.Database);
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

        var database = builder
            .AddLocalPostgres(ResourceNames.Postgres, postgresPassword, options, Path.Combine(dataRoot, "postgres"))
            .AddLocalDatabase(ResourceNames.Database);
        var redis = builder.AddLocalRedis(
            ResourceNames.Redis, redisPassword, options, Path.Combine(dataRoot, "redis"), out var redisDescription);

        var durability = options.Ephemeral ? "throw-away (fsync off)" : "durable";
        Announce(builder, $"Infrastructure: local processes. PostgreSQL and {redisDescription}. Data root: {dataRoot} ({durability}).");
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
