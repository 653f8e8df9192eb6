using System.Net;

namespace CallCenter.Bench.Clients;

/// <summary>
/// An HttpClient held to one keep-alive connection on a chosen replica: connections are opened (and dropped)
/// until one lands there, since the proxy in front of the replicas balances per connection, not per request.
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

    /// <summary>One connection per client, kept for the whole run, so every request goes where the first one went.</summary>
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
