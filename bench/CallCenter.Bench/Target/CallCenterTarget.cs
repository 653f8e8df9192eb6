namespace CallCenter.Bench.Target;

/// <summary>The system under test: an AppHost this bench started (and will stop), or one already running.</summary>
public sealed class CallCenterTarget : IAsyncDisposable
{
    private CallCenterTarget(Uri apiUri, StartedAppHost? appHost)
    {
        ApiUri = apiUri;
        AppHost = appHost;
    }

    public Uri ApiUri { get; }

    /// <summary>Null for a system already running: then the bench can observe it but not stop its parts.</summary>
    public StartedAppHost? AppHost { get; }

    public static async Task<CallCenterTarget> StartOrAttachAsync(Uri? apiUrl, CancellationToken cancellationToken)
    {
        if (apiUrl is not null)
        {
            return new CallCenterTarget(apiUrl, appHost: null);
        }

        Console.WriteLine("Starting the AppHost (Local mode, throw-away data root, 2 API replicas)...");
        var appHost = await StartedAppHost.StartAsync(apiReplicas: 2, cancellationToken);
        Console.WriteLine($"API at {appHost.ApiUri}");
        return new CallCenterTarget(appHost.ApiUri, appHost);
    }

    public async ValueTask DisposeAsync()
    {
        if (AppHost is not null)
        {
            Console.WriteLine("Stopping the AppHost...");
            await AppHost.DisposeAsync();
        }
    }
}
