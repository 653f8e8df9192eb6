using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CallCenter.Tests.Infrastructure;

/// <summary>Talks to the API the way the seed's clients do: query strings in, snake_case JSON out.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public HttpClient Http { get; } = http;

    public Task<ApiResponse> PostAsync(string pathAndQuery, object? jsonBody = null) => SendAsync(HttpMethod.Post, pathAndQuery, jsonBody);

    public Task<ApiResponse> PatchAsync(string pathAndQuery, object? jsonBody = null) => SendAsync(HttpMethod.Patch, pathAndQuery, jsonBody);

    public Task<ApiResponse> GetAsync(string pathAndQuery) => SendAsync(HttpMethod.Get, pathAndQuery, null);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string pathAndQuery, object? jsonBody, bool newConnection = false)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (jsonBody is not null)
        {
            request.Content = JsonContent.Create(jsonBody);
        }

        // DCP balances per TCP connection: a fresh one is how a test reaches the other replica.
        request.Headers.ConnectionClose = newConnection;
        using var response = await Http.SendAsync(request).WaitAsync(RequestTimeout);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? null : JsonNode.Parse(text);
        var servedBy = response.Headers.TryGetValues("X-Served-By", out var values) ? values.Single() : null;
        return new ApiResponse(response.StatusCode, body, text, servedBy, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// Sends <paramref name="count"/> requests, eight in flight at a time, each on a new connection so DCP spreads them
    /// over the replicas. Eight rather than all at once: each new connection makes its replica open another PostgreSQL
    /// connection, and a burst of those on a loaded machine times out (a 500 that says nothing of what is tested).
    /// </summary>
    public async Task<ApiResponse[]> SendConcurrentlyAsync(HttpMethod method, int count, Func<int, string> pathAndQuery, Func<int, object?>? jsonBody = null)
    {
        var responses = new ApiResponse[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            responses[i] = await SendAsync(method, pathAndQuery(i), jsonBody?.Invoke(i), newConnection: true));
        return responses;
    }

    /// <summary>A phone number no other test uses, valid for Saudi Arabia (the default region).</summary>
    public static string NewSaudiMobile() => $"+96650{Random.Shared.Next(0, 10_000_000):D7}";

    public void Dispose() => Http.Dispose();
}

public sealed record ApiResponse(HttpStatusCode Status, JsonNode? Body, string Text, string? ServedBy, string? MediaType)
{
    public JsonNode Json => Body ?? throw new InvalidOperationException($"Empty body (status {(int)Status}).");

    public string Str(string path) => Node(path)?.GetValue<string>() ?? throw new InvalidOperationException($"{path} is null in {Text}");

    public JsonNode? Node(string path)
    {
        JsonNode? node = Json;
        foreach (var part in path.Split('.'))
        {
            node = int.TryParse(part, out var index) ? node?[index] : node?[part];
        }

        return node;
    }

    public ApiResponse Expect(HttpStatusCode status)
    {
        Assert.True(Status == status, $"Expected {(int)status} but got {(int)Status}: {Text}"
            + ((int)Status >= 500 ? $"\nWhat the services logged as failures:\n{ServiceErrorLog.Recent()}" : ""));
        return this;
    }

    /// <summary>An RFC 9457 problem whose detail names <paramref name="field"/>.</summary>
    public ApiResponse ExpectProblem(HttpStatusCode status, string? field = null)
    {
        Expect(status);
        Assert.Equal("application/problem+json", MediaType);
        Assert.Equal((int)status, Json["status"]!.GetValue<int>());
        if (field is not null)
        {
            Assert.Contains(field, Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        return this;
    }
}

public static class JsonNodeExtensions
{
    public static IReadOnlyList<JsonNode> Items(this JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(item => item!)] : throw new InvalidOperationException($"Not an array: {node?.ToJsonString()}");

    public static string Text(this JsonNode? node, string name) => node?[name]?.GetValue<string>() ?? throw new InvalidOperationException($"{name} missing in {node?.ToJsonString()}");

    public static T Value<T>(this JsonNode? node, string name) => node![name]!.GetValue<T>();

    public static JsonElement Element(this JsonNode node) => JsonSerializer.SerializeToElement(node);
}
