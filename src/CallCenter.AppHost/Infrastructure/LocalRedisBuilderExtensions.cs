using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CallCenter.AppHost.Infrastructure;

internal static class LocalRedisBuilderExtensions
{
    public const string GarnetToolVersion = "2.2.8";

    /// <summary>
    /// Adds redis-server when it is installed, else Microsoft Garnet (pure .NET, Redis protocol with pub/sub)
    /// from the repository's local tool manifest, so a fresh machine needs nothing beyond the .NET SDK.
    /// </summary>
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(
        this IDistributedApplicationBuilder builder,
        string name,
        IResourceBuilder<ParameterResource> password,
        InfrastructureOptions options,
        string dataDirectory,
        out string description)
    {
        Directory.CreateDirectory(dataDirectory);
        var redisServer = options.UseGarnet ? null : LocateRedisServer(options.RedisServerPath);

        IResourceBuilder<LocalRedisResource> redis;
        if (redisServer is not null)
        {
            description = $"redis-server ({redisServer})";
            var configFile = Path.Combine(dataDirectory, "redis.conf");
            var server = new LocalRedisResource(name, redisServer, dataDirectory, password.Resource);
            redis = builder.AddResource(server)
                .WithArgs(configFile, "--port", server.PrimaryEndpoint.Property(EndpointProperty.TargetPort))
                .WithPrivateConfigFile(configFile, secret => $"""
                    bind 127.0.0.1
                    protected-mode yes
                    dir {dataDirectory}
                    save ""
                    appendonly no
                    requirepass {secret}
                    """);
        }
        else
        {
            description = options.UseGarnet
                ? $"Microsoft Garnet {GarnetToolVersion} (Infrastructure:UseGarnet)"
                : $"Microsoft Garnet {GarnetToolVersion} (redis-server was not found)";
            var configFile = Path.Combine(dataDirectory, "garnet.conf");
            var repositoryRoot = FindToolManifestRoot(builder.AppHostDirectory);
            var restore = builder.AddExecutable($"{name}-tools", "dotnet", repositoryRoot, "tool", "restore");
            var garnet = new LocalRedisResource(name, "dotnet", repositoryRoot, password.Resource);
            redis = builder.AddResource(garnet)
                .WithArgs(
                    "tool", "run", "garnet-server", "--",
                    "--config-import-path", configFile,
                    "--bind", "127.0.0.1",
                    "--port", garnet.PrimaryEndpoint.Property(EndpointProperty.TargetPort))
                .WithPrivateConfigFile(configFile, secret => JsonSerializer.Serialize(new { AuthenticationMode = "Password", Password = secret }))
                .WaitForCompletion(restore)
                .WithParentRelationship(restore);
        }

        var healthCheckKey = $"{name}_check";
        var resource = redis.Resource;
        // Reached directly, not through DCP's proxy (see LocalPort).
        var port = LocalPort.Free();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new RedisPingHealthCheck(resource), failureStatus: null, tags: null));

        return redis
            .WithEndpoint(port: port, targetPort: port, name: LocalRedisResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithHealthCheck(healthCheckKey)
            .WithRestartOnCrash();
    }

    /// <summary>
    /// Writes the server's config file, readable by us alone, just before each start: the password goes there
    /// rather than into argv, where any local user could read it.
    /// </summary>
    private static IResourceBuilder<LocalRedisResource> WithPrivateConfigFile(
        this IResourceBuilder<LocalRedisResource> redis, string path, Func<string, string> render)
    {
        redis.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis.Resource, async (_, cancellationToken) =>
        {
            var secret = await redis.Resource.PasswordParameter.GetValueAsync(cancellationToken) ?? "";
            var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            // Deleted first because an existing file keeps its old mode.
            File.Delete(path);
            await using var writer = new StreamWriter(path, fileOptions);
            await writer.WriteAsync(render(secret).AsMemory(), cancellationToken);
        });
        return redis;
    }

    private static string? LocateRedisServer(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"Infrastructure:RedisServerPath is '{configured}', but no file is there.");
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);
    }

    private static string FindToolManifestRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ".config", "dotnet-tools.json")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            "redis-server is not installed and the Garnet fallback needs the repository's .config/dotnet-tools.json. "
            + "Install Redis ('apt-get install redis-server') or set Infrastructure:RedisServerPath.");
    }
}
