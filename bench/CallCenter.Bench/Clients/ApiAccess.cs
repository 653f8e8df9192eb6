using System.Net.Http.Headers;
using System.Net.WebSockets;

namespace CallCenter.Bench.Clients;

/// <summary>
/// Where the API answers and the key it asks for. The key rides on every HTTP request and every socket
/// upgrade as <c>Authorization: Bearer key</c>; an API that asks for none ignores the header.
/// </summary>
public sealed record ApiAccess(Uri Address, string? Key)
{
    public HttpClient CreateClient(SocketsHttpHandler handler, TimeSpan timeout)
    {
        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = timeout };
        if (Key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        }

        return client;
    }

    /// <summary>The address alone: the key stays out of anything printed.</summary>
    public override string ToString() => Address.ToString();

    public void Authorize(ClientWebSocketOptions options)
    {
        if (Key is not null)
        {
            options.SetRequestHeader("Authorization", $"Bearer {Key}");
        }
    }
}
