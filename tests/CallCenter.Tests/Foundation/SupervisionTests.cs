using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using CallCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Xunit.Abstractions;

namespace CallCenter.Tests.Foundation;

/// <summary>
/// Its own app rather than the shared one: it kills the servers with SIGKILL, as a crash would, and proves the
/// AppHost brings them back with the data committed before the crash.
/// </summary>
public sealed class SupervisionTests(ITestOutputHelper output)
{
    /// <summary>Generous: the first restart waits 1 s, the rest is a loaded machine starting a server.</summary>
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan NoRestartWindow = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task KillOfPostgresAndRedisRestartsThemAndKeepsAcknowledgedCalls()
    {
        using var restarts = new RestartCounts();
        // One API replica: replicas are not what this test is about, and the suite shares two cores.
        await using var app = await CallCenterApp.StartAsync(apiReplicas: 1).WaitAsync(CallCenterApp.StartTimeout + RecoveryDeadline);
        using var api = new ApiClient(app.CreateHttpClient("api"));
        var acknowledged = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            acknowledged.Add((await api.PostAsync(NewCallPath())).Expect(HttpStatusCode.OK).Str("call_id"));
        }

        var crashed = Stopwatch.StartNew();
        Kill(app, "postgres");
        // A SIGKILL leaves the pid file behind; PostgreSQL must see its pid is dead and start anyway.
        Assert.True(File.Exists(Path.Combine(app.DataRoot, "postgres", "postmaster.pid")));
        await WaitUntilRestartedAsync(app, "postgres");
        output.WriteLine($"postgres running and healthy {crashed.Elapsed.TotalSeconds:F1} s after the kill.");
        acknowledged.Add(await CreateCallOnceServedAsync(api));
        output.WriteLine($"A call was written {crashed.Elapsed.TotalSeconds:F1} s after the kill.");
        Assert.Equal(acknowledged.Count, await CountCallsAsync(app, acknowledged));

        crashed.Restart();
        Kill(app, "redis");
        await WaitUntilRestartedAsync(app, "redis");
        output.WriteLine($"redis running and healthy {crashed.Elapsed.TotalSeconds:F1} s after the kill.");
        await WaitUntilApiHealthyAsync(api);
        output.WriteLine($"The API reported Healthy {crashed.Elapsed.TotalSeconds:F1} s after the kill.");

        Assert.True(restarts.Of("postgres") >= 1, "The postgres restart was not counted.");
        Assert.True(restarts.Of("redis") >= 1, "The redis restart was not counted.");
    }

    [Fact]
    public async Task KillOfGarnetRestartsItAndTheApiIsHealthyAgain()
    {
        await using var app = await CallCenterApp
            .StartAsync(apiReplicas: 1, settings: ["--Infrastructure:UseGarnet=true"])
            .WaitAsync(CallCenterApp.StartTimeout + RecoveryDeadline);
        using var api = new ApiClient(app.CreateHttpClient("api"));
        Assert.True(app.App.ResourceNotifications.TryGetCurrentState("redis", out var state));

        // 'dotnet tool run' starts Garnet as its child: the child is the server that crashes.
        var crashed = Stopwatch.StartNew();
        using (var garnet = Process.GetProcessById(Assert.Single(ServerProcesses.ChildrenOf(ProcessId(state.Snapshot)!.Value))))
        {
            garnet.Kill();
        }

        await WaitUntilRestartedAsync(app, "redis");
        output.WriteLine($"Garnet running and healthy {crashed.Elapsed.TotalSeconds:F1} s after the kill.");
        await WaitUntilApiHealthyAsync(api);
        output.WriteLine($"The API reported Healthy {crashed.Elapsed.TotalSeconds:F1} s after the kill.");
    }

    [Fact]
    public async Task StopFromTheDashboardLeavesRedisStopped()
    {
        using var restarts = new RestartCounts();
        await using var app = await CallCenterApp.StartAsync(apiReplicas: 1).WaitAsync(CallCenterApp.StartTimeout + RecoveryDeadline);
        var redis = app.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "redis");
        using var timeout = new CancellationTokenSource(RecoveryDeadline);

        var stopped = await app.App.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(redis, KnownResourceCommands.StopCommand, timeout.Token);
        Assert.True(stopped.Success, stopped.Message);
        await app.App.ResourceNotifications.WaitForResourceAsync(
            "redis", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);

        // Absence can only be watched for a while: longer than the first restart's 1 s wait, with room for a slow machine.
        using var watch = new CancellationTokenSource(NoRestartWindow);
        var restarting = app.App.ResourceNotifications.WaitForResourceAsync(
            "redis", e => !KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), watch.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => restarting);
        Assert.Equal(0, restarts.Of("redis"));
    }

    private static string NewCallPath() => $"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}";

    private static int? ProcessId(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, CultureInfo.InvariantCulture)
            : null;

    /// <summary>SIGKILL, as the kernel's OOM killer or an operator's kill -9 would; nothing gets to clean up.</summary>
    private static void Kill(CallCenterApp app, string resourceName)
    {
        Assert.True(app.App.ResourceNotifications.TryGetCurrentState(resourceName, out var state));
        var pid = ProcessId(state.Snapshot) ?? throw new InvalidOperationException($"'{resourceName}' has no process id.");
        using var process = Process.GetProcessById(pid);
        process.Kill();
    }

    /// <summary>A new process of the resource runs and its health check answers.</summary>
    private static async Task WaitUntilRestartedAsync(CallCenterApp app, string resourceName)
    {
        Assert.True(app.App.ResourceNotifications.TryGetCurrentState(resourceName, out var killed));
        var killedPid = ProcessId(killed.Snapshot);
        using var timeout = new CancellationTokenSource(RecoveryDeadline);
        await app.App.ResourceNotifications.WaitForResourceAsync(
            resourceName,
            e => e.Snapshot.State?.Text == KnownResourceStates.Running
                && ProcessId(e.Snapshot) is { } pid && pid != killedPid
                && e.Snapshot.HealthStatus == HealthStatus.Healthy,
            timeout.Token);
    }

    /// <summary>The API's pool may still hold connections to the dead server: retries until a write goes through.</summary>
    private static async Task<string> CreateCallOnceServedAsync(ApiClient api)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var response = await api.PostAsync(NewCallPath());
                if (response.Status == HttpStatusCode.OK || deadline.Elapsed > RecoveryDeadline)
                {
                    return response.Expect(HttpStatusCode.OK).Str("call_id");
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TimeoutException && deadline.Elapsed < RecoveryDeadline)
            {
                // The API itself answers late while its pool recovers.
            }

            await Task.Delay(PollInterval);
        }
    }

    private static async Task WaitUntilApiHealthyAsync(ApiClient api)
    {
        var deadline = Stopwatch.StartNew();
        var status = "";
        while (deadline.Elapsed < RecoveryDeadline)
        {
            status = (await api.GetAsync("/health")).Body?["status"]?.GetValue<string>() ?? "";
            if (status == "Healthy")
            {
                return;
            }

            await Task.Delay(PollInterval);
        }

        Assert.Fail($"The API's /health still answered '{status}' {RecoveryDeadline} after Redis was restarted.");
    }

    private static async Task<long> CountCallsAsync(CallCenterApp app, IReadOnlyList<string> callIds)
    {
        using var timeout = new CancellationTokenSource(RecoveryDeadline);
        var connectionString = new NpgsqlConnectionStringBuilder(await app.GetConnectionStringAsync("callcenterdb")) { Pooling = false };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync(timeout.Token);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM calls WHERE call_id::text = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", callIds.ToArray());
        return (long)(await command.ExecuteScalarAsync(timeout.Token))!;
    }

    /// <summary>Reads the AppHost's restart counter, which runs in this process under Aspire.Hosting.Testing.</summary>
    private sealed class RestartCounts : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _byResource = new();

        public RestartCounts()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "CallCenter.Supervision" && instrument.Name == "callcenter.supervision.restarts")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "resource" && tag.Value is string resource)
                    {
                        _byResource.AddOrUpdate(resource, value, (_, total) => total + value);
                    }
                }
            });
            _listener.Start();
        }

        public long Of(string resource) => _byResource.GetValueOrDefault(resource);

        public void Dispose() => _listener.Dispose();
    }
}
