using System.Text;
using System.Text.Json;

namespace CallCenter.ApiService.Realtime;

/// <summary>
/// One committed event as sockets receive it: the seed's <c>{"type", "data"}</c> envelope plus its contiguous
/// <c>id</c> and <c>ts</c>, serialised once and written as is to every socket.
/// </summary>
public sealed record LiveEvent(long Id, string Type, string? CallId, DateTime OccurredAt, string? TraceParent, ReadOnlyMemory<byte> Frame)
{
    public const string SyncReset = "sync:reset";

    /// <summary>The topic a client filters on: <c>calls</c>, <c>tickets</c>, <c>agents</c> or <c>messages</c>.</summary>
    public string Topic => Type[..Math.Max(0, Type.IndexOf(':', StringComparison.Ordinal))] switch
    {
        "call" => "calls",
        "ticket" => "tickets",
        "agent" => "agents",
        "message" => "messages",
        var other => other,
    };

    /// <summary>Builds the frame around data that is already JSON (as stored in PostgreSQL).</summary>
    public static LiveEvent FromStored(long id, string type, string dataJson, DateTime occurredAt, string? traceParent)
    {
        var frame = new StringBuilder(dataJson.Length + 96)
            .Append("{\"id\":").Append(id)
            .Append(",\"type\":").Append(JsonSerializer.Serialize(type))
            .Append(",\"data\":").Append(dataJson)
            .Append(",\"ts\":").Append(JsonSerializer.Serialize(occurredAt))
            .Append('}')
            .ToString();
        return new LiveEvent(id, type, CallIdOf(dataJson), occurredAt, traceParent, Encoding.UTF8.GetBytes(frame));
    }

    /// <summary>Reads an event back from its frame, as it arrives over Redis.</summary>
    public static LiveEvent FromFrame(ReadOnlyMemory<byte> frame, string? traceParent)
    {
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        var data = root.GetProperty("data");
        var callId = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("call_id", out var call) && call.ValueKind == JsonValueKind.String
            ? call.GetString()
            : null;
        return new LiveEvent(root.GetProperty("id").GetInt64(), root.GetProperty("type").GetString()!, callId,
            root.GetProperty("ts").GetDateTime(), traceParent, frame);
    }

    private static string? CallIdOf(string dataJson)
    {
        using var document = JsonDocument.Parse(dataJson);
        return document.RootElement.TryGetProperty("call_id", out var call) && call.ValueKind == JsonValueKind.String ? call.GetString() : null;
    }
}
