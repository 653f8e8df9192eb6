using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace CallCenter.Gateway;

/// <summary>
/// A replica that refused a connection or dropped one is out of the rotation at once, for the cluster's reactivation
/// period: a killed replica costs one failed request, not a share of every request until a failure rate builds up.
/// </summary>
internal sealed class ReplicaDownPolicy(IDestinationHealthUpdater health) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "ReplicaDown";

    private static readonly TimeSpan DefaultReactivation = TimeSpan.FromSeconds(2);

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        if (context.Features.Get<IForwarderErrorFeature>()?.Error is { } error && IsReplicaSide(error))
        {
            var reactivation = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? DefaultReactivation;
            health.SetPassive(cluster, destination, DestinationHealth.Unhealthy, reactivation);
        }
    }

    /// <summary>The replica's side of the exchange failed (not the client's, which says nothing of the replica).</summary>
    private static bool IsReplicaSide(ForwarderError error) => error is
        ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.RequestBodyDestination
        or ForwarderError.ResponseBodyDestination or ForwarderError.UpgradeRequestDestination or ForwarderError.UpgradeResponseDestination;
}
