using Microsoft.Extensions.Logging.Abstractions;

namespace CallCenter.Tests.Infrastructure;

/// <summary>
/// Tests of the AppHost's model, built but never started on a throw-away data root: there is no container engine
/// here, and a model is all the wiring there is to check.
/// </summary>
public abstract class BuiltModelTests : IDisposable
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    protected string DataRoot { get; } = Directory.CreateTempSubdirectory("callcenter-model-").FullName;

    public void Dispose()
    {
        Directory.Delete(DataRoot, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected async Task<DistributedApplicationModel> BuildModelAsync(params string[] settings)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await CallCenterApp.BuildModelAsync(
            [
                $"--Infrastructure:DataRoot={DataRoot}",
                $"--Parameters:postgres-password={TestSecrets.PostgresPassword}",
                $"--Parameters:redis-password={TestSecrets.RedisPassword}",
                .. settings,
            ],
            timeout.Token).WaitAsync(Timeout);
    }

    /// <summary>A service's environment as it will be given; publish mode renders references as expressions, so nothing needs a running endpoint.</summary>
    protected static async Task<IReadOnlyDictionary<string, string>> EnvironmentOfAsync(ProjectResource service)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var configuration = await ExecutionConfigurationBuilder.Create(service)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), NullLogger.Instance, timeout.Token)
            .WaitAsync(Timeout);
        Assert.Null(configuration.Exception);
        return configuration.EnvironmentVariables.ToDictionary(variable => variable.Key, variable => variable.Value);
    }
}
