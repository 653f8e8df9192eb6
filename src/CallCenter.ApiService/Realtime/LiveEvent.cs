using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace CallCenter.ApiService.Realtime;

/// <summary>
/// One committed event as sockets receive it: the seed's <c>{"type", "data"}</c> envelope plus its contiguous
/// <c>id</c> and <c>ts</c>, serialised once and written as is to every socket.
/// </summary>
public sealed record LiveEvent(long Id, string Type, string? CallId, DateTime OccurredAt, string? TraceParent, ReadOnlyMemory<byte> Frame)
{
    /// <summary>The department of the call or ticket (or the call a message was said on); an agent sees their own.</summary>
    public string? Department { get; init; }

    /// <summary>The agent a call or ticket is with, who sees it whatever its department.</summary>
    public string? AgentId { get; init; }

    /// <summary>The request that caused the event (its trace and span), or none for an event no request caused.</summary>
    public ActivityContext Cause => ActivityContext.TryParse(TraceParent, null, out var cause) ? cause : default;

    public const string SyncReset = "sync:reset";

    /// <summary>The floor's figures (<c>stats:updated</c>), for supervisors and admins alone.</summary>
    public const string StatsTopic = "stats";

    /// <summary>The topic a client filters on: <c>calls</c>, <c>tickets</c>, <c>agents</c>, <c>messages</c> or <c>stats</c>.</summary>
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
        using var data = JsonDocument.Parse(dataJson);
        return Scoped(new LiveEvent(id, type, Text(data.RootElement, "call_id"), occurredAt, traceParent, Encoding.UTF8.GetBytes(frame)), data.RootElement);
    }

    /// <summary>Reads an event back from its frame, as it arrives over Redis.</summary>
    public static LiveEvent FromFrame(ReadOnlyMemory<byte> frame, string? traceParent)
    {
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        var data = root.GetProperty("data");
        return Scoped(new LiveEvent(root.GetProperty("id").GetInt64(), root.GetProperty("type").GetString()!, Text(data, "call_id"),
            root.GetProperty("ts").GetDateTime(), traceParent, frame), data);
    }

    private static LiveEvent Scoped(LiveEvent liveEvent, JsonElement data) => liveEvent with
    {
        Department = Text(data, "department"),
        AgentId = liveEvent.Topic == "tickets" ? Text(data, "assigned_to") : Text(data, "agent_id"),
    };

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
