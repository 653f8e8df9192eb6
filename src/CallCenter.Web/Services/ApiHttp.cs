using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CallCenter.Web.Services;

/// <summary>
/// Sends JSON to the API and turns its problems into <see cref="ApiProblemException"/>, or
/// <see cref="ApiUnavailableException"/> when it is away.
/// </summary>
internal static class ApiHttp
{
    public static Task<T> GetAsync<T>(this HttpClient http, string path, CancellationToken cancellationToken) =>
        http.SendAsync<T>(HttpMethod.Get, path, body: null, cancellationToken);

    public static Task<T> PostAsync<T>(this HttpClient http, string path, object? body, CancellationToken cancellationToken) =>
        http.SendAsync<T>(HttpMethod.Post, path, body, cancellationToken);

    public static Task<T> PutAsync<T>(this HttpClient http, string path, object body, CancellationToken cancellationToken) =>
        http.SendAsync<T>(HttpMethod.Put, path, body, cancellationToken);

    public static Task<T> PatchAsync<T>(this HttpClient http, string path, object body, CancellationToken cancellationToken) =>
        http.SendAsync<T>(HttpMethod.Patch, path, body, cancellationToken);

    /// <summary>A path with its query, leaving out parameters that have no value.</summary>
    public static string WithQuery(string path, params (string Name, object? Value)[] parameters)
    {
        var query = string.Join('&', parameters
            .Where(parameter => parameter.Value is not null && parameter.Value.ToString() is { Length: > 0 })
            .Select(parameter => $"{parameter.Name}={Uri.EscapeDataString(Convert.ToString(parameter.Value, System.Globalization.CultureInfo.InvariantCulture)!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }

    public static string Segment(string id) => Uri.EscapeDataString(id);

    private static Task<T> SendAsync<T>(this HttpClient http, HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        http.SendAsync<T>(new HttpRequestMessage(method, path), body, cancellationToken);

    /// <summary>Sends a prepared request (its own headers, say) with an optional JSON body; the request is disposed.</summary>
    public static Task<T> SendAsync<T>(this HttpClient http, HttpRequestMessage request, object? body, CancellationToken cancellationToken) =>
        http.SendAsync(request, body, async (response, path) => await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken)
            ?? throw new JsonException($"{request.Method} {path} answered with an empty body."), cancellationToken);

    /// <summary>A file the API serves (a CSV download), its bytes and the name it suggests.</summary>
    public static Task<(byte[] Content, string? FileName)> GetFileAsync(this HttpClient http, string path, CancellationToken cancellationToken) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), body: null, async (response, _) => (
            await response.Content.ReadAsByteArrayAsync(cancellationToken),
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"')), cancellationToken);

    private static async Task<T> SendAsync<T>(
        this HttpClient http, HttpRequestMessage request, object? body, Func<HttpResponseMessage, Uri?, Task<T>> read, CancellationToken cancellationToken)
    {
        using var _ = request;
        var path = request.RequestUri;
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ApiJson.Options);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException
            || (exception is TaskCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
            || exception is Polly.ExecutionRejectedException)
        {
            throw new ApiUnavailableException(ApiAvailability.DefaultRetryAfter, exception);
        }

        using (response)
        {
            if (ApiAvailability.IsUnavailable(response.StatusCode))
            {
                throw new ApiUnavailableException(ApiAvailability.RetryAfter(response.Headers.RetryAfter, DateTimeOffset.UtcNow));
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await ReadProblemAsync(response, cancellationToken);
            }

            return await read(response, path);
        }
    }

    private static async Task<ApiProblemException> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Problem? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<Problem>(ApiJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page, say): the status alone has to do.
        }

        var detail = problem?.Detail ?? problem?.Title ?? response.ReasonPhrase ?? response.StatusCode.ToString();
        return new ApiProblemException(response.StatusCode, detail, problem?.Errors ?? new Dictionary<string, string[]>());
    }

    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
