using CallCenter.AppHost.Infrastructure;
using CallCenter.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallCenter.Tests.Foundation;

/// <summary>
/// Both infrastructure modes, built but never started: there is no container engine here, and a model is all
/// the wiring there is to check.
/// </summary>
public sealed class InfrastructureModeTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _dataRoot = Directory.CreateTempSubdirectory("callcenter-model-").FullName;

    [Fact]
    public async Task BuildInLocalModeAddsNoContainers()
    {
        var model = await BuildModelAsync(InfrastructureMode.Local);

        Assert.Empty(model.Resources.OfType<ContainerResource>());
        Assert.Single(model.Resources.OfType<LocalPostgresServerResource>());
        Assert.Single(model.Resources.OfType<LocalRedisResource>());
    }

    [Fact]
    public async Task BuildInContainersModeAddsPostgresAndRedisContainers()
    {
        var model = await BuildModelAsync(InfrastructureMode.Containers);

        var postgres = Assert.Single(model.Resources.OfType<PostgresServerResource>());
        var database = Assert.Single(model.Resources.OfType<PostgresDatabaseResource>());
        var redis = Assert.Single(model.Resources.OfType<RedisResource>());
        Assert.Equal("postgres", postgres.Name);
        Assert.Equal("callcenterdb", database.Name);
        Assert.Same(postgres, database.Parent);
        Assert.Equal("redis", redis.Name);
        Assert.Empty(model.Resources.OfType<LocalPostgresServerResource>());
        Assert.Empty(model.Resources.OfType<LocalRedisResource>());
    }

    [Fact]
    public async Task BuildInContainersModeWiresServicesLikeLocalMode()
    {
        var containers = await DescribeServicesAsync(await BuildModelAsync(InfrastructureMode.Containers));
        var local = await DescribeServicesAsync(await BuildModelAsync(InfrastructureMode.Local));

        Assert.Equal(
            [
                "api waits for callcenterdb",
                "api waits for postgres",
                "api waits for redis",
                "api: ConnectionStrings__callcenterdb={callcenterdb.connectionString}",
                "api: ConnectionStrings__redis={redis.connectionString}",
                "gateway waits for api",
                "web waits for gateway",
                "web: ConnectionStrings__callcenterdb={callcenterdb.connectionString}",
                "web: services__gateway__http__0={gateway.bindings.http.url}",
            ],
            containers);
        Assert.Equal(local, containers);
    }

    public void Dispose() => Directory.Delete(_dataRoot, recursive: true);

    private async Task<DistributedApplicationModel> BuildModelAsync(InfrastructureMode mode)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await CallCenterApp.BuildModelAsync(
            [
                $"--Infrastructure:Mode={mode}",
                $"--Infrastructure:DataRoot={_dataRoot}",
                $"--Parameters:postgres-password={TestSecrets.PostgresPassword}",
                $"--Parameters:redis-password={TestSecrets.RedisPassword}",
            ],
            timeout.Token).WaitAsync(Timeout);
    }

    /// <summary>What the services wait for and which connection settings they receive, one line each, sorted.</summary>
    private static async Task<List<string>> DescribeServicesAsync(DistributedApplicationModel model)
    {
        var lines = new List<string>();
        foreach (var service in model.Resources.OfType<ProjectResource>())
        {
            lines.AddRange(service.Annotations.OfType<WaitAnnotation>().Select(wait => $"{service.Name} waits for {wait.Resource.Name}"));

            // Publish mode renders references as expressions, so nothing needs a running endpoint.
            using var timeout = new CancellationTokenSource(Timeout);
            var configuration = await ExecutionConfigurationBuilder.Create(service)
                .WithEnvironmentVariablesConfig()
                .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), NullLogger.Instance, timeout.Token)
                .WaitAsync(Timeout);
            Assert.Null(configuration.Exception);
            lines.AddRange(configuration.EnvironmentVariables
                .Where(variable => variable.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || variable.Key.StartsWith("services__", StringComparison.Ordinal))
                .Select(variable => $"{service.Name}: {variable.Key}={variable.Value}"));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
