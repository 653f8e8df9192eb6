using System.Text.Json;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace CallCenter.Gateway;

/// <summary>
/// The API replicas the gateway forwards to, from the file the AppHost rewrites as replicas come and go (a replica
/// is listed once it answers, and dropped the moment its process ends). Every request and every socket goes to the
/// whole API: any path, any method.
/// </summary>
internal sealed class ReplicaRoster(InMemoryConfigProvider proxy, IOptions<GatewayOptions> options, ILogger<ReplicaRoster> logger) : IHostedService, IDisposable
{
    public const string ClusterId = "api";

    private readonly Lock _loading = new();
    private ReplicaFileWatch? _watch;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(options.Value.ReplicaFile);
        _watch = new ReplicaFileWatch(path, () => Load(path));
        Load(path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _watch?.Dispose();

    /// <summary>One at a time, so the list read last is the one the proxy keeps.</summary>
    private void Load(string path)
    {
        lock (_loading)
        {
            LoadNow(path);
        }
    }

    private void LoadNow(string path)
    {
        Dictionary<string, string> replicas;
        try
        {
            replicas = File.Exists(path)
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
                : [];
        }
        catch (Exception exception) when (exception is IOException or JsonException)
        {
            // Caught mid-write by the AppHost (it renames a finished file into place, but a copy may be slow): the next change reloads.
            logger.LogDebug(exception, "The replica list could not be read yet");
            return;
        }

        logger.LogInformation("API replicas: {Replicas}", replicas.Count == 0 ? "none" : string.Join(", ", replicas.Select(r => $"{r.Key} at {r.Value}")));
        proxy.Update([Route], [Cluster(replicas, options.Value)]);
    }

    public static RouteConfig Route { get; } = new()
    {
        RouteId = "api",
        ClusterId = ClusterId,
        Match = new RouteMatch { Path = "{**anything}" },
    };

    public static ClusterConfig Cluster(IReadOnlyDictionary<string, string> replicas, GatewayOptions options) => new()
    {
        ClusterId = ClusterId,
        LoadBalancingPolicy = LoadBalancingPolicies.PowerOfTwoChoices,
        HealthCheck = new HealthCheckConfig
        {
            // /alive, not /health: a replica whose database is away still answers its own 503s, which say more than ours.
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = options.ProbeInterval,
                Timeout = options.ProbeInterval,
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                Path = "/alive",
            },
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = ReplicaDownPolicy.PolicyName,
                ReactivationPeriod = options.ReactivationPeriod,
            },
        },
        HttpRequest = new ForwarderRequestConfig
        {
            // Longer than the API's WebSocket keep-alive (2 min), so a quiet live-updates socket is not cut here.
            ActivityTimeout = TimeSpan.FromMinutes(5),
        },
        Destinations = replicas.ToDictionary(replica => replica.Key, replica => new DestinationConfig { Address = replica.Value }),
    };
}
