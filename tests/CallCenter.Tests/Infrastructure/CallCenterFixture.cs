namespace CallCenter.Tests.Infrastructure;

/// <summary>One running AppHost shared by every test in the <see cref="CallCenterCollection"/>.</summary>
public sealed class CallCenterFixture : IAsyncLifetime
{
    private CallCenterApp? _app;

    public CallCenterApp App => _app ?? throw new InvalidOperationException("The app has not started.");

    public ApiClient CreateApiClient() => new(App.CreateHttpClient("api"));

    public async Task<EventLog> EventLogAsync() => new(await App.GetConnectionStringAsync("callcenterdb"));

    public async Task InitializeAsync() => _app = await CallCenterApp.StartAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The tests that share the running app; browser tests also share one Chromium, launched when first needed.</summary>
[CollectionDefinition(Name)]
public sealed class CallCenterCollection : ICollectionFixture<CallCenterFixture>, ICollectionFixture<Web.ChromiumFixture>
{
    public const string Name = "CallCenter app";
}
