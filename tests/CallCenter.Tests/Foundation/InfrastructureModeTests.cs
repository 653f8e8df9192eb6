using CallCenter.AppHost.Infrastructure;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Foundation;

/// <summary>Both infrastructure modes, built but never started.</summary>
public sealed class InfrastructureModeTests : BuiltModelTests
{
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

    private Task<DistributedApplicationModel> BuildModelAsync(InfrastructureMode mode) =>
        BuildModelAsync($"--Infrastructure:Mode={mode}");

    /// <summary>What the services wait for and which connection settings they receive, one line each, sorted.</summary>
    private static async Task<List<string>> DescribeServicesAsync(DistributedApplicationModel model)
    {
        var lines = new List<string>();
        foreach (var service in model.Resources.OfType<ProjectResource>())
        {
            lines.AddRange(service.Annotations.OfType<WaitAnnotation>().Select(wait => $"{service.Name} waits for {wait.Resource.Name}"));
            lines.AddRange((await EnvironmentOfAsync(service))
                .Where(variable => variable.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || variable.Key.StartsWith("services__", StringComparison.Ordinal))
                .Select(variable => $"{service.Name}: {variable.Key}={variable.Value}"));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
