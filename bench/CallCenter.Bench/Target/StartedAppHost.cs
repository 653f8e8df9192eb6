using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CallCenter.Bench.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallCenter.Bench.Target;

/// <summary>
/// The whole AppHost started the way the test fixture starts it: Local mode, a throw-away data root (with
/// PostgreSQL's fsync off unless the scenario measures durable writes), free ports, fixed secrets, so a run never
/// touches the developer's data or secrets.
/// </summary>
public sealed class StartedAppHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The AppHost's secret parameter holding the key callers of the API present, once the API asks for one.</summary>
    private const string ApiKeyParameter = "api-key";

    private readonly DistributedApplication _app;
    private readonly string _dataRoot;

    /// <summary>Every process's latest state, by resource id (a project has one id per replica).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ResourceEvent> _latest = new();
    private readonly CancellationTokenSource _watching = new();

    private StartedAppHost(DistributedApplication app, string dataRoot)
    {
        _app = app;
        _dataRoot = dataRoot;
    }

    /// <summary>Known once the AppHost has started: its endpoint is allocated then.</summary>
    public ApiAccess Api { get; private set; } = null!;

    /// <param name="apiKey">The key to give the AppHost's <c>api-key</c> parameter; null gives it a fresh one.</param>
    /// <param name="durable">PostgreSQL with fsync on, as in production, for figures about writes; else off, like the tests.</param>
    /// <param name="settings">More AppHost settings a scenario needs, after the bench's own (so they win).</param>
    public static async Task<StartedAppHost> StartAsync(
        int apiReplicas, string? apiKey, bool durable, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        var dataRoot = Directory.CreateTempSubdirectory("callcenter-bench-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CallCenter_AppHost>(
            [
                "--Infrastructure:Mode=Local",
                $"--Infrastructure:DataRoot={dataRoot}",
                $"--Infrastructure:Ephemeral={!durable}",
                "--Api:Port=0",
                "--Web:Port=0",
                $"--Api:Replicas={apiReplicas}",
                $"--Parameters:postgres-password={Guid.NewGuid():N}",
                $"--Parameters:redis-password={Guid.NewGuid():N}",
                $"--Parameters:demo-password={Guid.NewGuid():N}",
                $"--Parameters:{ApiKeyParameter}={apiKey ?? Guid.NewGuid().ToString("N")}",
                $"--Parameters:web-api-key={Guid.NewGuid():N}",
                // The bench is one caller making far more requests and sockets than any person: the API's limits
                // would measure themselves instead of the fan-out.
                "--Api:RequestsPerMinute=10000000",
                "--Api:SocketsPerCaller=100000",
                // The dashboard runs, as under dotnet run, so the services export their traces and metrics to it and
                // pay for that as in real use; without it every export fails (and throws) instead.
                $"--ASPNETCORE_URLS=http://localhost:{FreePort()}",
                $"--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://localhost:{FreePort()}",
                "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
                .. settings,
            ],
            (options, _) => options.DisableDashboard = false,
            cancellationToken);
        // The figures are the output. The services' logs stay with them (PostgreSQL writes even routine lines to
        // stderr), and health checks failing while the chaos scenario stops Redis or a replica are expected.
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting", LogLevel.Error)
            .AddFilter("CallCenter.AppHost.Resources", LogLevel.None)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));

        var app = await builder.BuildAsync(cancellationToken);
        var started = new StartedAppHost(app, dataRoot);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            await app.StartAsync(timeout.Token);
            _ = started.WatchAsync();
            await app.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);
            // The web front end starts once the API is healthy; its start-up (3-4 s of CPU) fell into the first
            // measured window otherwise, on a machine the bench keeps busy.
            await app.ResourceNotifications.WaitForResourceHealthyAsync("web", timeout.Token);
            started.Api = new ApiAccess(app.GetEndpoint("gateway", "http"), await ApiKeyAsync(app, timeout.Token) ?? apiKey);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The value of the AppHost's <c>api-key</c> parameter, or null while the AppHost declares none.</summary>
    private static async Task<string?> ApiKeyAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var parameter = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<ParameterResource>()
            .SingleOrDefault(resource => resource.Name == ApiKeyParameter);
        return parameter is null ? null : await parameter.GetValueAsync(cancellationToken);
    }

    /// <summary>The connection string the AppHost gives its services for a resource (the database, say).</summary>
    public async Task<string> ConnectionStringAsync(string resourceName, CancellationToken cancellationToken) =>
        await _app.GetConnectionStringAsync(resourceName, cancellationToken)
            ?? throw new InvalidOperationException($"The AppHost has no connection string for '{resourceName}'.");

    /// <summary>Runs a dashboard command (stop, start) on a resource or on one replica, named as X-Served-By names it.</summary>
    public async Task ExecuteAsync(string resourceName, string command, CancellationToken cancellationToken)
    {
        var commands = _app.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(resourceName, command, cancellationToken).WaitAsync(CommandTimeout, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"'{command}' on '{resourceName}' failed: {result.Message}");
        }
    }

    /// <summary>
    /// The resource name of the replica that answers as <paramref name="servedBy"/>: X-Served-By is that name
    /// (<c>api-&lt;suffix&gt;</c>), or was only the suffix (the service.instance.id) before the API named it in full.
    /// </summary>
    public async Task<string> ReplicaResourceNameAsync(string servedBy, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        // The watch starts with every resource's current state, so the replica is found at once.
        await foreach (var change in _app.ResourceNotifications.WatchAsync(timeout.Token))
        {
            if (change.Resource.Name == "api" && (change.ResourceId == servedBy || change.ResourceId.EndsWith($"-{servedBy}", StringComparison.Ordinal)))
            {
                return change.ResourceId;
            }
        }

        throw new InvalidOperationException($"No replica of 'api' answers as {servedBy}.");
    }

    /// <summary>The ids of the resource's running processes: one for a server, one per replica for a project.</summary>
    public IReadOnlyList<string> RunningIds(string resourceName) =>
        [.. _latest.Values
            .Where(change => change.Resource.Name == resourceName && change.Snapshot.State?.Text == KnownResourceStates.Running)
            .Select(change => change.ResourceId)
            .Order()];

    /// <summary>
    /// SIGKILL to the process behind a resource id, as the OOM killer or kill -9 would. DCP runs a project through
    /// a launcher ('dotnet run'): its child, the service, is the process killed.
    /// </summary>
    public void Kill(string resourceId)
    {
        if (!_app.ResourceNotifications.TryGetCurrentState(resourceId, out var state)
            || state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is not { } value)
        {
            throw new InvalidOperationException($"'{resourceId}' has no process id.");
        }

        var pid = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        var children = ChildProcesses(pid);
        using var process = System.Diagnostics.Process.GetProcessById(state.Resource is ProjectResource && children is [var child] ? child : pid);
        process.Kill();
    }

    /// <summary>
    /// Waits until a process of the resource started after <paramref name="killedAt"/> runs and is healthy. A replica's
    /// snapshot can say Healthy (its last check, of the killed process) while the new one still starts, so a replica
    /// counts as back only once its own address answers <c>/health</c>.
    /// </summary>
    public async Task WaitReplacedAsync(string resourceId, DateTime killedAt, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        // By id: WaitForResourceAsync matches names, which every replica of a project shares.
        await foreach (var change in _app.ResourceNotifications.WatchAsync(timeout.Token))
        {
            if (change.ResourceId == resourceId
                && change.Snapshot.State?.Text == KnownResourceStates.Running
                && change.Snapshot.StartTimeStamp > killedAt
                && change.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            {
                if (change.Resource is ProjectResource && OwnAddress(change.Snapshot) is { } own)
                {
                    await WaitAnsweringAsync(own, timeout.Token);
                }

                return;
            }
        }
    }

    private static Uri? OwnAddress(CustomResourceSnapshot snapshot) =>
        snapshot.EnvironmentVariables.FirstOrDefault(variable => variable.Name == "ASPNETCORE_URLS")?.Value?.Split(';')
            .FirstOrDefault(url => url.StartsWith("http://", StringComparison.Ordinal)) is { } url
            ? new Uri(url.Replace("://+:", "://localhost:", StringComparison.Ordinal).Replace("://*:", "://localhost:", StringComparison.Ordinal))
            : null;

    private static async Task WaitAnsweringAsync(Uri replica, CancellationToken cancellationToken)
    {
        using var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(1) };
        while (true)
        {
            try
            {
                using var answer = await probe.GetAsync(new Uri(replica, "/health"), cancellationToken);
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet, or too slow to answer: the new process is still starting.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private static List<int> ChildProcesses(int parent) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(directory => (Directory: directory, Pid: int.TryParse(Path.GetFileName(directory), out var pid) ? pid : 0))
            .Where(entry => entry.Pid > 0 && ParentOf(entry.Directory) == parent)
            .Select(entry => entry.Pid)];

    private static int ParentOf(string procDirectory)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(procDirectory, "stat"));
            // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public Task WaitHealthyAsync(string resourceName, CancellationToken cancellationToken) =>
        _app.ResourceNotifications.WaitForResourceHealthyAsync(resourceName, cancellationToken).WaitAsync(CommandTimeout, cancellationToken);

    private async Task WatchAsync()
    {
        try
        {
            await foreach (var change in _app.ResourceNotifications.WatchAsync(_watching.Token))
            {
                _latest[change.ResourceId] = change;
            }
        }
        catch (OperationCanceledException)
        {
            // The bench is done with the AppHost.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _watching.CancelAsync();
        _watching.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
            if (Directory.Exists(_dataRoot))
            {
                Directory.Delete(_dataRoot, recursive: true);
            }
        }
    }
}
