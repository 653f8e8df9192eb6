using System.Buffers.Text;
using System.Text.Json;

namespace CallCenter.Bench.Clients;

/// <summary>
/// Reads the few fields the bench needs straight from a frame's bytes (<c>{"id":N,"type":…,"data":{…},"ts":"…"}</c>),
/// without building a document: the client must stay cheap next to the servers it measures.
/// </summary>
public static class EventFrame
{
    public static long Id(ReadOnlySpan<byte> frame)
    {
        var at = frame.IndexOf("\"id\":"u8);
        return at >= 0 && Utf8Parser.TryParse(frame[(at + 5)..], out long id, out _) ? id : -1;
    }

    /// <summary>The event's <c>ts</c> (set by the API as it wrote the outbox row), or null if absent.</summary>
    public static DateTime? Timestamp(ReadOnlySpan<byte> frame)
    {
        var at = frame.LastIndexOf("\"ts\":"u8);
        if (at < 0)
        {
            return null;
        }

        // Utf8JsonReader parses ISO 8601 with any number of fraction digits, which the API trims.
        var reader = new Utf8JsonReader(frame[(at + 5)..]);
        return reader.Read() && reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out var ts)
            ? ts.ToUniversalTime()
            : null;
    }

    /// <summary>
    /// The number in a string field that reads <c>prefix + number</c>, or -1. Events replayed from PostgreSQL
    /// carry jsonb's text (<c>"name": "value"</c>) and live ones the API's own (<c>"name":"value"</c>): both are read.
    /// </summary>
    public static int NumberAfterPrefix(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> quotedName, ReadOnlySpan<byte> prefix)
    {
        var at = frame.IndexOf(quotedName);
        if (at < 0)
        {
            return -1;
        }

        var value = frame[(at + quotedName.Length)..].TrimStart(" :"u8);
        return value.Length > 0 && value[0] == (byte)'"' && value[1..].StartsWith(prefix)
            && Utf8Parser.TryParse(value[(1 + prefix.Length)..], out int number, out _)
            ? number
            : -1;
    }
}
