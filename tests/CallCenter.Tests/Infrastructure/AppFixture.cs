namespace CallCenter.Tests.Infrastructure;

/// <summary>One running AppHost shared by a collection's tests; <paramref name="settings"/> are its further AppHost arguments.</summary>
public abstract class AppFixture(IReadOnlyList<string>? settings = null) : IAsyncLifetime
{
    private CallCenterApp? _app;

    public CallCenterApp App => _app ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>The Web app's address through the AppHost, plain http as the AppHost serves it.</summary>
    public Uri WebEndpoint => App.App.GetEndpoint("web", "http");

    public Task<string> DatabaseConnectionStringAsync() => App.GetConnectionStringAsync("callcenterdb");

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

    public async Task<EventLog> EventLogAsync() => new(await DatabaseConnectionStringAsync());

    public async Task InitializeAsync() => _app = await CallCenterApp.StartAsync(settings: settings);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
