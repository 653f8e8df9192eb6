using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CallCenter.Bench.Clients;

/// <summary>Where the event stream stands.</summary>
public static class StreamPosition
{
    /// <summary>The newest event id: asking for events after the largest id returns none, and the stream's last id.</summary>
    public static async Task<long> LastEventIdAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var page = await http.GetFromJsonAsync<JsonObject>($"/api/events?after={long.MaxValue}&limit=1", cancellationToken);
        return page?["last_event_id"]?.GetValue<long>() ?? throw new InvalidOperationException("GET /api/events gave no last_event_id.");
    }
}
