using CallCenter.ApiService.Realtime;
using CsCheck;

namespace CallCenter.UnitTests.Realtime;

/// <summary>Generators and builders the realtime tests share.</summary>
internal static class RealtimeGen
{
    // Pieces that break naive framing: quotes, backslashes, control characters, Arabic and an emoji (a surrogate pair).
    private static readonly string[] Pieces = ["a", "Z", "7", " ", "\"", "\\", "\n", "\t", "/", ":", "{", "}", "é", "مرحبا", "😀", "\u0001", "</script>"];

    /// <summary>Text as users and agents type it, including what JSON must escape.</summary>
    public static readonly Gen<string> Text = Gen.Int[0, Pieces.Length - 1].Select(index => Pieces[index]).Array[0, 8].Select(string.Concat);

    /// <summary>An event of the given id with no frame: the feed's ordering never looks inside one.</summary>
    public static LiveEvent Event(long id, string type = "call:updated", string? callId = null, string? department = null, string? agentId = null) =>
        new(id, type, callId, new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc), TraceParent: null, ReadOnlyMemory<byte>.Empty)
        {
            Department = department,
            AgentId = agentId,
        };
}
