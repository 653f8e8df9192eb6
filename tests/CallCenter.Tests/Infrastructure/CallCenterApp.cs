using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallCenter.Tests.Infrastructure;

/// <summary>
/// Starts the whole AppHost in Local mode on a throw-away data root, the way a developer's machine runs it,
/// but on free ports and with PostgreSQL's fsync off.
/// </summary>
public sealed class CallCenterApp : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Resources whose process should never end while the app runs (unlike the one-shot init and tool restore).</summary>
    private static readonly string[] LongRunningResources = ["postgres", "redis", "api", "gateway", "web"];

    private CallCenterApp(DistributedApplication app, string dataRoot, bool ownsDataRoot)
    {
        App = app;
        DataRoot = dataRoot;
        OwnsDataRoot = ownsDataRoot;
    }

    public DistributedApplication App { get; }

    private readonly CancellationTokenSource _stopFollowing = new();

    private Task _following = Task.CompletedTask;

    public string DataRoot { get; }

    private bool OwnsDataRoot { get; }

    /// <summary>
    /// Builds the AppHost's model without starting anything. The testing builder lets the AppHost's own
    /// <c>Build().Run()</c> carry on in the background, so that run is held at <see cref="BeforeStartEvent"/>
    /// until the model is read, then refused.
    /// </summary>
    public static async Task<DistributedApplicationModel> BuildModelAsync(string[] args, CancellationToken cancellationToken)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CallCenter_AppHost>(args, cancellationToken);
        var modelRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        builder.Eventing.Subscribe<BeforeStartEvent>(async (_, _) =>
        {
            await modelRead.Task;
            throw new OperationCanceledException("Only the model was wanted: the app must not start.");
        });

        await using var app = await builder.BuildAsync(cancellationToken);
        try
        {
            return app.Services.GetRequiredService<DistributedApplicationModel>();
        }
        finally
        {
            modelRead.SetResult();
        }
    }

    /// <summary>
    /// The shared floor picks calls from the queue by hand in every department, as a center may choose: its tests
    /// route calls and change agents' status freely, and offers would race them. Distribution has its own app.
    /// </summary>
    public static readonly IReadOnlyList<string> ManualFloor =
        new[] { "sales", "support", "complaints", "billing" }.Select(department => $"--Acd:Departments:{department}:Mode=manual").ToList();

    /// <summary>
    /// Starts the app; with no <paramref name="dataRoot"/> a fresh one is made and deleted on dispose.
    /// <paramref name="settings"/> are further AppHost arguments, such as <c>--Infrastructure:UseGarnet=true</c>.
    /// </summary>
    public static async Task<CallCenterApp> StartAsync(
        string? dataRoot = null, int apiReplicas = 2, IReadOnlyList<string>? settings = null, CancellationToken cancellationToken = default)
    {
        var ownsDataRoot = dataRoot is null;
        dataRoot ??= Directory.CreateTempSubdirectory("callcenter-tests-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CallCenter_AppHost>(
            [
                "--Infrastructure:Mode=Local",
                $"--Infrastructure:DataRoot={dataRoot}",
                "--Infrastructure:Ephemeral=true",
                "--Api:Port=0",
                "--Web:Port=0",
                $"--Api:Replicas={apiReplicas}",
                $"--Parameters:postgres-password={TestSecrets.PostgresPassword}",
                $"--Parameters:redis-password={TestSecrets.RedisPassword}",
                $"--Parameters:demo-password={TestSecrets.DemoPassword}",
                $"--Parameters:admin-password={TestSecrets.AdminPassword}",
                $"--Parameters:api-key={TestSecrets.AdminApiKey}",
                $"--Parameters:web-api-key={TestSecrets.WebApiKey}",
                // The suite makes thousands of requests a minute as the admin; the limit's own tests use keys of their own.
                "--Api:RequestsPerMinute=1000000",
                // Every test's anonymous request comes from 127.0.0.1 through one proxy; the address limit has its own test.
                "--Api:AnonymousRequestsPerMinute=1000000",
                "--Api:SocketsPerCaller=20",
                .. settings ?? [],
            ],
            cancellationToken);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        var app = await builder.BuildAsync(cancellationToken);
        var started = new CallCenterApp(app, dataRoot, ownsDataRoot);
        started._following = ServiceErrorLog.FollowAsync(app, started._stopFollowing.Token);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            await started.StartUnlessAProcessEndsAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ResourceEndedException)
        {
            var states = started.DescribeResources();
            await started.DisposeAsync();
            throw exception is ResourceEndedException
                ? new InvalidOperationException($"{exception.Message}\nResources:\n{states}", exception)
                : new TimeoutException($"The AppHost was not healthy within {StartTimeout}. Resources:\n{states}", exception);
        }

        return started;
    }

    /// <summary>
    /// Starts the app and waits for the services' health, but gives up as soon as a server or service process ends:
    /// a crash at start would otherwise cost the whole timeout, since StartAsync itself waits for what WaitFor holds back.
    /// </summary>
    private async Task StartUnlessAProcessEndsAsync(CancellationToken cancellationToken)
    {
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ended = Task.WhenAny(LongRunningResources.Select(name => App.ResourceNotifications.WaitForResourceAsync(
            name, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), watch.Token)));
        var ready = StartAndWaitHealthyAsync(cancellationToken);
        try
        {
            if (await Task.WhenAny(ready, ended) == ended && (await ended) is { IsCompletedSuccessfully: true } end)
            {
                throw new ResourceEndedException(await DescribeEndAsync(end.Result, cancellationToken));
            }

            await ready;
        }
        finally
        {
            await watch.CancelAsync();
        }
    }

    private async Task StartAndWaitHealthyAsync(CancellationToken cancellationToken)
    {
        await App.StartAsync(cancellationToken);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("api", cancellationToken);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cancellationToken);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("web", cancellationToken);
    }

    /// <summary>Which process ended, how, and the last lines it logged.</summary>
    private async Task<string> DescribeEndAsync(ResourceEvent end, CancellationToken cancellationToken)
    {
        var log = new List<string>();
        var loggers = App.Services.GetRequiredService<ResourceLoggerService>();
        await foreach (var lines in loggers.GetAllAsync(end.ResourceId).WithCancellation(cancellationToken))
        {
            log.AddRange(lines.Select(line => line.Content));
        }

        return $"'{end.ResourceId}' {end.Snapshot.State?.Text} (exit code {end.Snapshot.ExitCode}) before the app was healthy. "
            + $"Its last log lines:\n{string.Join('\n', log.TakeLast(40))}";
    }

    /// <summary>
    /// A client of a resource; the API's (its replicas through DCP's proxy, or through the gateway at the API's one
    /// address) carries the admin key unless <paramref name="authenticated"/> is false.
    /// </summary>
    public HttpClient CreateHttpClient(string resourceName, bool authenticated = true)
    {
        var http = App.CreateHttpClient(resourceName, "http");
        if (authenticated && resourceName is "api" or "gateway")
        {
            http.DefaultRequestHeaders.Authorization = TestSecrets.AdminAuthorization;
        }

        return http;
    }

    /// <summary>
    /// Restarts a service's process as the dashboard's restart command does, and returns once the new one answers
    /// <c>/alive</c> and is healthy again.
    /// </summary>
    public async Task RestartAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var restarted = await App.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(resourceName, KnownResourceCommands.RestartCommand, timeout.Token);
        if (!restarted.Success)
        {
            throw new InvalidOperationException($"Restarting {resourceName} failed: {restarted.Message}");
        }

        using var http = CreateHttpClient(resourceName, authenticated: false);
        while (!timeout.IsCancellationRequested)
        {
            try
            {
                using var alive = await http.GetAsync("/alive", timeout.Token);
                if (alive.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }

        await App.ResourceNotifications.WaitForResourceHealthyAsync(resourceName, timeout.Token);
    }

    public async Task<string> GetConnectionStringAsync(string resourceName) =>
        await App.GetConnectionStringAsync(resourceName) ?? throw new InvalidOperationException($"{resourceName} has no connection string.");

    public string DescribeResources()
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        var text = new StringBuilder();
        foreach (var resource in model.Resources)
        {
            var state = App.ResourceNotifications.TryGetCurrentState(resource.Name, out var current)
                ? $"{current.Snapshot.State?.Text} health={current.Snapshot.HealthStatus}"
                : "no state";
            text.AppendLine($"  {resource.Name}: {state}");
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopFollowing.CancelAsync();
        await _following;
        _stopFollowing.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await App.StopAsync(timeout.Token);
        }
        finally
        {
            await App.DisposeAsync();
            if (OwnsDataRoot && Directory.Exists(DataRoot))
            {
                Directory.Delete(DataRoot, recursive: true);
            }
        }
    }
}

/// <summary>A resource's process ended while the app was starting.</summary>
public sealed class ResourceEndedException(string message) : Exception(message);
