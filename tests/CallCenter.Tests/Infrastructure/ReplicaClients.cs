using System.Net.Http.Headers;

namespace CallCenter.Tests.Infrastructure;

/// <summary>Clients each held to one API replica, for tests that must write through both.</summary>
public static class ReplicaClients
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A client with a connection pool of one: DCP balances per TCP connection, so all of its requests reach one replica.
    /// </summary>
    public static HttpClient Held(AppFixture fixture, string apiKey)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 })
        {
            BaseAddress = fixture.App.App.GetEndpoint("api", "http"),
            Timeout = ApiClient.RequestTimeout,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return http;
    }

    /// <summary>Two clients with <paramref name="apiKey"/>, each held to a different replica.</summary>
    public static async Task<(HttpClient First, HttpClient Second)> PairAsync(AppFixture fixture, string apiKey)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var first = Held(fixture, apiKey);
        var firstReplica = await ServedByAsync(first, deadline.Token);
        while (true)
        {
            deadline.Token.ThrowIfCancellationRequested();
            var second = Held(fixture, apiKey);
            if (await ServedByAsync(second, deadline.Token) != firstReplica)
            {
                return (first, second);
            }

            second.Dispose();
        }
    }

    private static async Task<string?> ServedByAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("/api/departments", cancellationToken);
        return response.Headers.TryGetValues("X-Served-By", out var servedBy) ? servedBy.Single() : null;
    }
}
