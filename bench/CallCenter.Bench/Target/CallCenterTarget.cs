using System.Net;
using CallCenter.Bench.Clients;

namespace CallCenter.Bench.Target;

/// <summary>The system under test: an AppHost this bench started (and will stop), or one already running.</summary>
public sealed class CallCenterTarget : IAsyncDisposable
{
    private CallCenterTarget(ApiAccess api, StartedAppHost? appHost)
    {
        Api = api;
        AppHost = appHost;
    }

    public ApiAccess Api { get; }

    /// <summary>Null for a system already running: then the bench can observe it but not stop its parts.</summary>
    public StartedAppHost? AppHost { get; }

    /// <summary>
    /// How to reach one replica: at its own address when <paramref name="direct"/> and its process is on this
    /// machine (so the gateway in front of the replicas is not part of the figures), else through the API's one
    /// address, where the gateway picks a replica per request and the caller must count the answers from others.
    /// </summary>
    public ApiAccess Reach(string replica, bool direct) =>
        direct && ReplicaProcess.Find(replica) is { } pid && ReplicaProcess.ListenAddress(pid) is { } address
            ? Api with { Address = address }
            : Api;

    /// <param name="durable">When the bench starts the AppHost: PostgreSQL with fsync on (see <see cref="StartedAppHost.StartAsync"/>).</param>
    /// <param name="settings">More AppHost settings (<c>--Acd:WrapUpSeconds=0</c>) for an AppHost the bench starts.</param>
    public static async Task<CallCenterTarget> StartOrAttachAsync(
        Uri? apiUrl, string? apiKey, bool durable, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        if (apiUrl is not null)
        {
            return new CallCenterTarget(new ApiAccess(apiUrl, apiKey), appHost: null);
        }

        Console.WriteLine($"Starting the AppHost (Local mode, throw-away data root, PostgreSQL fsync {(durable ? "on" : "off")}, 2 API replicas"
            + (settings.Count == 0 ? "" : $", {string.Join(' ', settings)}") + ")...");
        var appHost = await StartedAppHost.StartAsync(apiReplicas: 2, apiKey, durable, settings, cancellationToken);
        Console.WriteLine($"API at {appHost.Api.Address}" + (appHost.Api.Key is null ? " (no API key: none given, and the AppHost has no api-key parameter)" : " (requests carry an API key)"));
        return new CallCenterTarget(appHost.Api, appHost);
    }

    /// <summary>
    /// Null when the API takes this key (or asks for none); else why not. Checked before a scenario starts, so a
    /// missing or wrong key is one line rather than a failed socket upgrade halfway through.
    /// </summary>
    public async Task<string?> RefusalAsync(CancellationToken cancellationToken)
    {
        using var http = Api.CreateClient(new SocketsHttpHandler { UseProxy = false }, TimeSpan.FromSeconds(30));
        using var response = await http.GetAsync("/api/events?after=0&limit=1", cancellationToken);
        return response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? $"The API at {Api.Address} refused {(Api.Key is null ? "a request without a key" : "the key given")} ({(int)response.StatusCode}): "
                + "give its admin key with --api-key or CALLCENTER_API_KEY."
            : null;
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
