using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallCenter.AppHost;

/// <summary>
/// Keeps the gateway's list of API replicas (<see cref="Path"/>, alone in its directory): a replica is added once its own address answers
/// <c>/alive</c>, and removed as soon as its process is no longer running, so the gateway never waits on a dead one.
/// The file is replaced whole (written beside it, then renamed), so the gateway never reads half a list. It runs from
/// before the resources start (the gateway's health, and so the Web app's start, wait on a listed replica).
/// </summary>
internal sealed class ApiReplicaList(
    string path, ResourceNotificationService notifications, IHostApplicationLifetime lifetime, ILogger<ApiReplicaList> logger)
{
    public string Path { get; } = path;

    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<string, string> _addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _listed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Address, CancellationTokenSource Probe)> _starting = new(StringComparer.Ordinal);
    private readonly Lock _write = new();
    private readonly HttpClient _probe = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(1) };

    public void Start()
    {
        Write();
        var stopping = lifetime.ApplicationStopping;
        // The probe client lives as long as the AppHost: disposing it here would fault a probe still in flight.
        stopping.Register(() =>
        {
            var directory = System.IO.Path.GetDirectoryName(Path)!;
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        });
        _ = WatchAsync(stopping);
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                if (change.Resource.Name != ResourceNames.Api)
                {
                    continue;
                }

                // A restarted replica's first Running snapshots may not carry its environment yet; its address is
                // the one it had (DCP keeps a replica's port), until a snapshot says otherwise.
                if (AddressOf(change.Snapshot) is { } seen)
                {
                    _addresses[change.ResourceId] = seen;
                }

                var running = change.Snapshot.State?.Text == KnownResourceStates.Running;
                var address = running ? _addresses.GetValueOrDefault(change.ResourceId) : null;
                if (address is null || Moved(change.ResourceId, address))
                {
                    Forget(change.ResourceId);
                }

                if (address is not null && !_listed.ContainsKey(change.ResourceId) && !_starting.ContainsKey(change.ResourceId))
                {
                    var probe = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    _starting[change.ResourceId] = (address, probe);
                    _ = ListWhenAnsweringAsync(change.ResourceId, address, probe.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }

    private bool Moved(string replica, string address) =>
        (_listed.TryGetValue(replica, out var listed) && listed != address)
        || (_starting.TryGetValue(replica, out var starting) && starting.Address != address);

    private void Forget(string replica)
    {
        if (_starting.TryRemove(replica, out var starting))
        {
            starting.Probe.Cancel();
            starting.Probe.Dispose();
        }

        if (_listed.TryRemove(replica, out _))
        {
            logger.LogInformation("API replica {Replica} left the gateway's list", replica);
            Write();
        }
    }

    private async Task ListWhenAnsweringAsync(string replica, string address, CancellationToken cancellationToken)
    {
        try
        {
            while (!await AnswersAsync(address, cancellationToken))
            {
                await Task.Delay(ProbeInterval, cancellationToken);
            }

            if (_starting.TryRemove(replica, out var starting) && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                starting.Probe.Dispose();
                _listed[replica] = address;
                logger.LogInformation("API replica {Replica} at {Address} joined the gateway's list", replica, address);
                Write();
            }
        }
        catch (OperationCanceledException)
        {
            // The replica ended before it answered, or the AppHost is stopping.
        }
    }

    private async Task<bool> AnswersAsync(string address, CancellationToken cancellationToken)
    {
        try
        {
            using var answer = await _probe.GetAsync(new Uri(new Uri(address), "/alive"), cancellationToken);
            return answer.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Write()
    {
        lock (_write)
        {
            var next = Path + ".next";
            File.WriteAllText(next, JsonSerializer.Serialize(_listed.OrderBy(replica => replica.Key, StringComparer.Ordinal).ToDictionary()));
            File.Move(next, Path, overwrite: true);
        }
    }

    /// <summary>The replica's own address: the first http URL Aspire told it to listen on.</summary>
    private static string? AddressOf(CustomResourceSnapshot snapshot) =>
        snapshot.EnvironmentVariables.FirstOrDefault(variable => variable.Name == "ASPNETCORE_URLS")?.Value?
            .Split(';').FirstOrDefault(url => url.StartsWith("http://", StringComparison.Ordinal))?
            .Replace("://+:", "://localhost:", StringComparison.Ordinal).Replace("://*:", "://localhost:", StringComparison.Ordinal);
}
