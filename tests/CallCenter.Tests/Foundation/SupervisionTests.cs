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
    public async Task KillOfGarnetRestartsItAndTheApiIsHealthyAgain()
    {
        await using var app = await CallCenterApp
            .StartAsync(apiReplicas: 1, settings: ["--Infrastructure:UseGarnet=true"])
            .WaitAsync(CallCenterApp.StartTimeout + RecoveryDeadline);
        using var api = new ApiClient(app.CreateHttpClient("api"));
        Assert.True(app.App.ResourceNotifications.TryGetCurrentState("redis", out var state));

        // 'dotnet tool run' starts Garnet as its child: the child is the server that crashes.
        var crashed = Stopwatch.StartNew();
        using (var garnet = Process.GetProcessById(Assert.Single(ServerProcesses.ChildrenOf(ServerProcesses.ProcessId(state.Snapshot)!.Value))))
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
        await using var app = await CallCenterApp.StartAsync(apiReplicas: 1).WaitAsync(CallCenterApp.StartTimeout + RecoveryDeadline);
        using var restarts = new RestartCounts(app);
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

    /// <summary>A new process of the resource runs and its health check answers.</summary>
    private static async Task WaitUntilRestartedAsync(CallCenterApp app, string resourceName)
    {
        Assert.True(app.App.ResourceNotifications.TryGetCurrentState(resourceName, out var killed));
        var killedPid = ServerProcesses.ProcessId(killed.Snapshot);
        using var timeout = new CancellationTokenSource(RecoveryDeadline);
        await app.App.ResourceNotifications.WaitForResourceAsync(
            resourceName,
            e => e.Snapshot.State?.Text == KnownResourceStates.Running
                && ServerProcesses.ProcessId(e.Snapshot) is { } pid && pid != killedPid
                && e.Snapshot.HealthStatus == HealthStatus.Healthy,
            timeout.Token);
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
}
