using System.Net;

namespace CallCenter.Bench.Clients;

/// <summary>
/// An HttpClient whose first answer came from a chosen replica: connections are opened (and dropped) until one lands
/// there. Through the gateway, which picks a replica per request, later requests may go elsewhere: scenarios learn the
/// replicas' names this way and then reach each at its own address (<see cref="Target.CallCenterTarget.Reach"/>).
/// </summary>
public static class ReplicaConnection
{
    public static async Task<(HttpClient Client, string Replica)> OpenAsync(
        ApiAccess api, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var client = Create(api);
            try
            {
                using var response = await client.GetAsync("/alive", cancellationToken);
                if (ServedBy.Of(response.Headers) is { } replica && wanted(replica))
                {
                    return (client, replica);
                }
            }
            catch (HttpRequestException)
            {
                // A replica that is stopping refuses or resets; the next connection may land elsewhere.
            }

            client.Dispose();
        }
    }

    /// <summary>One connection per client, kept for the whole run: at a replica's own address every request goes to it.</summary>
    public static HttpClient Create(ApiAccess api) => api.CreateClient(
        new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        },
        TimeSpan.FromSeconds(30));
}
