using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallCenter.AppHost.Infrastructure;

/// <summary>
/// Restarts the processes marked <see cref="RestartOnCrashAnnotation"/> (servers, and each replica of the API and Web)
/// when one ends while the AppHost runs, waiting by <see cref="RestartBackoff"/>; each restart is logged with the exit code and counted.
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var supervised = model.Resources.Where(resource => resource.HasAnnotationOfType<RestartOnCrashAnnotation>()).ToHashSet();
        // Keyed by resource id: each replica of a project is a process of its own.
        var processes = new Dictionary<string, SupervisedProcess>();
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                if (!supervised.Contains(change.Resource))
                {
                    continue;
                }

                if (!processes.TryGetValue(change.ResourceId, out var process))
                {
                    processes[change.ResourceId] = process = new SupervisedProcess(change.Resource, change.ResourceId);
                }

                var state = change.Snapshot.State?.Text;
                var pid = change.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value?.ToString();
                lock (process)
                {
                    if (state == KnownResourceStates.Running && process.PreviousState != KnownResourceStates.Running)
                    {
                        process.RunningSince = DateTime.UtcNow;
                    }

                    // A snapshot of the ended process can come again after the restart began: one restart per process.
                    if (EndedUnexpectedly(state, process.PreviousState) && !process.Restarting && (pid is null || pid != process.HandledPid))
                    {
                        process.HandledPid = pid;
                        process.Restarting = true;
                        if (RestartBackoff.ResetsAfter(DateTime.UtcNow - process.RunningSince))
                        {
                            process.Attempt = 0;
                        }

                        _ = RestartAsync(process, change.Snapshot.ExitCode, stoppingToken);
                    }

                    process.PreviousState = state;
                }
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

    /// <summary>Waits, then starts the process again until the start command is accepted.</summary>
    private async Task RestartAsync(SupervisedProcess process, int? exitCode, CancellationToken stoppingToken)
    {
        try
        {
            while (!lifetime.ApplicationStopping.IsCancellationRequested)
            {
                var attempt = process.Attempt;
                var delay = RestartBackoff.DelayBefore(attempt);
                logger.LogWarning(
                    "{Resource} ended unexpectedly (exit code {ExitCode}); restart {Attempt} in {Delay:g}.",
                    process.ResourceId, exitCode, attempt + 1, delay);
                var shown = attempt >= FailingFromAttempt ? Failed : Restarting;
                await notifications.PublishUpdateAsync(process.Resource, process.ResourceId, snapshot => snapshot with { State = shown });
                await Task.Delay(delay, stoppingToken);
                if (lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    return;
                }

                _restarts.Add(1, new KeyValuePair<string, object?>("resource", process.Resource.Name));
                var started = await commands.ExecuteCommandAsync(process.ResourceId, KnownResourceCommands.StartCommand, stoppingToken);
                process.Attempt = attempt + 1;
                if (started.Success)
                {
                    return;
                }

                logger.LogWarning("{Resource} did not start again: {Message}", process.ResourceId, started.Message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
        finally
        {
            lock (process)
            {
                process.Restarting = false;
            }
        }
    }

    /// <summary>What the supervisor remembers of one process (a server, or one replica of a project).</summary>
    private sealed class SupervisedProcess(IResource resource, string resourceId)
    {
        public IResource Resource { get; } = resource;

        public string ResourceId { get; } = resourceId;

        public string? PreviousState { get; set; }

        public string? HandledPid { get; set; }

        public DateTime RunningSince { get; set; } = DateTime.UtcNow;

        public int Attempt { get; set; }

        public bool Restarting { get; set; }
    }
}
