using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallCenter.AppHost.Infrastructure;

/// <summary>
/// Restarts the servers marked <see cref="RestartOnCrashAnnotation"/> when their process ends while the AppHost runs,
/// waiting by <see cref="RestartBackoff"/>; each restart is logged with the exit code and counted.
/// </summary>
internal sealed class ProcessSupervisor(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    IMeterFactory meters,
    ILogger<ProcessSupervisor> logger) : BackgroundService
{
    public const string MeterName = "CallCenter.Supervision";
    public const string RestartsCounterName = "callcenter.supervision.restarts";

    /// <summary>Shown while the supervisor waits to restart, and once quick restarts have not helped.</summary>
    private static readonly ResourceStateSnapshot Restarting = new("Restarting", KnownResourceStateStyles.Warn);
    private static readonly ResourceStateSnapshot Failed = new("Failed", KnownResourceStateStyles.Error);

    /// <summary>From this attempt on the wait is the long one: the server is failing, not blinking.</summary>
    private const int FailingFromAttempt = 4;

    private readonly Counter<long> _restarts = meters.Create(MeterName).CreateCounter<long>(
        RestartsCounterName, unit: "{restart}", description: "Server processes the AppHost restarted after they ended unexpectedly.");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(model.Resources
        .Where(resource => resource.HasAnnotationOfType<RestartOnCrashAnnotation>())
        .Select(server => SuperviseAsync(server, stoppingToken)));

    private async Task SuperviseAsync(IResource server, CancellationToken stoppingToken)
    {
        var attempt = 0;
        var runningSince = DateTime.UtcNow;
        string? previousState = null;
        string? handledPid = null;
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                if (change.Resource != server)
                {
                    continue;
                }

                var state = change.Snapshot.State?.Text;
                var pid = change.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value?.ToString();
                if (state == KnownResourceStates.Running && previousState != KnownResourceStates.Running)
                {
                    runningSince = DateTime.UtcNow;
                }

                // A snapshot of the ended process can come again after the restart began: one restart per process.
                if (EndedUnexpectedly(state, previousState) && (pid is null || pid != handledPid))
                {
                    handledPid = pid;
                    attempt = RestartBackoff.ResetsAfter(DateTime.UtcNow - runningSince) ? 0 : attempt;
                    attempt = await RestartAsync(server, change.Snapshot.ExitCode, attempt, stoppingToken);
                }

                previousState = state;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping: DCP stops the servers itself.
        }
    }

    /// <summary>
    /// A process that ends from a live state ends unexpectedly, unless the AppHost is stopping or someone stopped it
    /// (the dashboard's Stop passes through Stopping first).
    /// </summary>
    private bool EndedUnexpectedly(string? state, string? previousState) =>
        KnownResourceStates.TerminalStates.Contains(state)
        && !KnownResourceStates.TerminalStates.Contains(previousState)
        && previousState != KnownResourceStates.Stopping
        && !lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>Waits, then starts the server again until the start command is accepted; returns the next attempt number.</summary>
    private async Task<int> RestartAsync(IResource server, int? exitCode, int attempt, CancellationToken stoppingToken)
    {
        while (true)
        {
            var delay = RestartBackoff.DelayBefore(attempt);
            logger.LogWarning(
                "{Resource} ended unexpectedly (exit code {ExitCode}); restart {Attempt} in {Delay:g}.",
                server.Name, exitCode, attempt + 1, delay);
            var shown = attempt >= FailingFromAttempt ? Failed : Restarting;
            await notifications.PublishUpdateAsync(server, snapshot => snapshot with { State = shown });
            await Task.Delay(delay, stoppingToken);
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return attempt;
            }

            _restarts.Add(1, new KeyValuePair<string, object?>("resource", server.Name));
            var started = await commands.ExecuteCommandAsync(server, KnownResourceCommands.StartCommand, stoppingToken);
            attempt++;
            if (started.Success)
            {
                return attempt;
            }

            logger.LogWarning("{Resource} did not start again: {Message}", server.Name, started.Message);
        }
    }
}
