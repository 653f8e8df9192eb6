using System.Net;
using System.Net.Sockets;

namespace CallCenter.AppHost.Infrastructure;

/// <summary>
/// A free loopback port for a local server the services reach directly. DCP's proxy in front of PostgreSQL and Redis
/// would copy every byte of every query once more (a third of a core under load on two cores) and, while the server
/// is down, accept connections it cannot serve; without it a dead server refuses at once. The port stays the
/// server's across the supervisor's restarts.
/// </summary>
internal static class LocalPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
