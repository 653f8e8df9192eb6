using System.Net;
using System.Net.Sockets;

namespace CallCenter.ApiService.Webhooks;

/// <summary>
/// Addresses a webhook must not reach unless its host is allow-listed: this machine, private networks, link-local
/// (which holds the cloud metadata service), shared and unspecified ranges, multicast; IPv4-mapped IPv6 is judged as IPv4.
/// </summary>
public static class TargetAddress
{
    private static readonly (IPAddress Network, int PrefixLength)[] Refused =
    [
        (IPAddress.Parse("0.0.0.0"), 8),
        (IPAddress.Parse("10.0.0.0"), 8),
        (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("127.0.0.0"), 8),
        (IPAddress.Parse("169.254.0.0"), 16),
        (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24),
        (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("198.18.0.0"), 15),
        (IPAddress.Parse("224.0.0.0"), 4),
        (IPAddress.Parse("240.0.0.0"), 4),
        (IPAddress.Parse("::"), 128),
        (IPAddress.Parse("::1"), 128),
        (IPAddress.Parse("fc00::"), 7),
        (IPAddress.Parse("fe80::"), 10),
        (IPAddress.Parse("ff00::"), 8),
        (IPAddress.Parse("64:ff9b::"), 96),
    ];

    public static bool IsRefused(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return Refused.Any(range => range.Network.AddressFamily == address.AddressFamily
            && new IPNetwork(range.Network, range.PrefixLength).Contains(address));
    }

    public static bool IsInternet(IPAddress address) =>
        address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && !IsRefused(address);
}
