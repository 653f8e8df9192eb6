using System.Net.Http.Headers;

namespace CallCenter.Bench.Clients;

/// <summary>
/// Every API response names the replica that answered. The gateway at the API's one address picks a replica per
/// request (a WebSocket stays on the replica its upgrade reached); DCP's proxy, which the tests use, per connection.
/// </summary>
public static class ServedBy
{
    public const string Header = "X-Served-By";

    public static string? Of(HttpResponseHeaders headers) =>
        headers.TryGetValues(Header, out var values) ? values.FirstOrDefault() : null;

    public static string? Of(IReadOnlyDictionary<string, IEnumerable<string>>? headers) =>
        headers?.TryGetValue(Header, out var values) == true ? values.FirstOrDefault() : null;
}
