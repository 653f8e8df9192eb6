namespace CallCenter.Tests.Infrastructure;

/// <summary>One running AppHost shared by every test in the <see cref="CallCenterCollection"/>.</summary>
public sealed class CallCenterFixture : IAsyncLifetime
{
    private CallCenterApp? _app;

    public CallCenterApp App => _app ?? throw new InvalidOperationException("The app has not started.");

    public ApiClient CreateApiClient() => new(App.CreateHttpClient("api"));

    /// <summary>A client with another key (or none), and any further headers such as the Web app's X-Acting-*.</summary>
    public ApiClient CreateApiClient(string? apiKey, params (string Name, string Value)[] headers)
    {
        var http = App.CreateHttpClient("api", authenticated: false);
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        }

        foreach (var (name, value) in headers)
        {
            http.DefaultRequestHeaders.Add(name, value);
        }

        return new ApiClient(http);
    }

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
