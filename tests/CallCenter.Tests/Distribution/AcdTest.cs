using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Distribution;

/// <summary>A test on the distributing floor: an admin client, and a quiet floor before it starts.</summary>
public abstract class AcdTest(AcdFixture fixture) : IAsyncLifetime
{
    protected AcdFixture Fixture { get; } = fixture;

    protected ApiClient Api { get; } = fixture.CreateApiClient();

    protected AcdFloor Floor => new(Api);

    public Task InitializeAsync() => Floor.QuietAsync();

    public Task DisposeAsync()
    {
        Api.Dispose();
        return Task.CompletedTask;
    }
}
