using System.Net;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the proxies (TLS terminators, load balancers) whose X-Forwarded-For and
/// X-Forwarded-Proto are believed. Nobody is trusted unless listed, loopback included, so a client cannot claim
/// HTTPS or another address by sending the headers itself.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool AreValid() =>
        KnownProxies.All(proxy => IPAddress.TryParse(proxy, out _))
        && KnownNetworks.All(network => IPNetwork.TryParse(network, out _));
}
