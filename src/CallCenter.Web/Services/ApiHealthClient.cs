using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace CallCenter.Web.Services;

/// <summary>The API's readiness, as its <c>/health</c> endpoint reports it.</summary>
public sealed record ApiHealth(bool Reachable, string Status, string? ServedBy, IReadOnlyDictionary<string, string> Checks);

public sealed class ApiHealthClient(HttpClient http, ILogger<ApiHealthClient> logger)
{
    public async Task<ApiHealth> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("/health", cancellationToken);
            var report = await response.Content.ReadFromJsonAsync<HealthReport>(cancellationToken);
            var servedBy = response.Headers.TryGetValues("X-Served-By", out var values) ? values.FirstOrDefault() : null;
            var checks = report?.Checks?.ToDictionary(check => check.Key, check => check.Value.Status)
                ?? new Dictionary<string, string>();
            return new ApiHealth(true, report?.Status ?? response.StatusCode.ToString(), servedBy, checks);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            logger.LogWarning(exception, "The API did not answer its health check");
            return new ApiHealth(false, "Unreachable", null, new Dictionary<string, string>());
        }
    }

    private sealed record HealthReport(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("checks")] Dictionary<string, HealthEntry>? Checks);

    private sealed record HealthEntry([property: JsonPropertyName("status")] string Status);
}
