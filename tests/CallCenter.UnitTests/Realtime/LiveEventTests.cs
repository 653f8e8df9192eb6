using System.Text;
using System.Text.Json;
using CallCenter.ApiService.Realtime;
using CsCheck;

namespace CallCenter.UnitTests.Realtime;

/// <summary>The frame sockets receive: built once from the stored JSON, read back the same on every replica.</summary>
public sealed class LiveEventTests
{
    private static readonly DateTime At = new(2026, 12, 1, 9, 30, 15, 250, DateTimeKind.Utc);

    private static readonly Gen<string> Type = Gen.Select(Gen.Int[0, 4], RealtimeGen.Text,
        (prefix, rest) => new[] { "call", "ticket", "agent", "message", "odd\"prefix" }[prefix] + ":" + rest);

    [Fact]
    public void AStoredEventsFrameReadsBackTheSame() =>
        Gen.Select(Gen.Long[1, long.MaxValue], Type, Gen.Select(RealtimeGen.Text, RealtimeGen.Text, RealtimeGen.Text, RealtimeGen.Text))
            .Sample((id, type, data) =>
            {
                var (callId, department, agentId, assignedTo) = data;
                var dataJson = JsonSerializer.Serialize(new { call_id = callId, department, agent_id = agentId, assigned_to = assignedTo });

                var stored = LiveEvent.FromStored(id, type, dataJson, At, traceParent: "00-trace");
                var relayed = LiveEvent.FromFrame(stored.Frame.ToArray(), traceParent: null);

                Assert.Equal(id, relayed.Id);
                Assert.Equal(type, relayed.Type);
                Assert.Equal(At, relayed.OccurredAt);
                Assert.Equal(callId, relayed.CallId);
                Assert.Equal(department, relayed.Department);
                Assert.Equal(stored.CallId, relayed.CallId);
                Assert.Equal(stored.AgentId, relayed.AgentId);
                Assert.Equal(relayed.Topic == "tickets" ? assignedTo : agentId, relayed.AgentId);
            });

    [Fact]
    public void TheFrameIsTheSeedsEnvelopeWithIdAndTimestamp()
    {
        var stored = LiveEvent.FromStored(42, "call:created", """{"call_id":"CALL-1","department":"billing"}""", At, traceParent: null);

        using var frame = JsonDocument.Parse(stored.Frame);
        var root = frame.RootElement;
        Assert.Equal(["id", "type", "data", "ts"], root.EnumerateObject().Select(member => member.Name));
        Assert.Equal(42, root.GetProperty("id").GetInt64());
        Assert.Equal("call:created", root.GetProperty("type").GetString());
        Assert.Equal("CALL-1", root.GetProperty("data").GetProperty("call_id").GetString());
        Assert.Equal(At, root.GetProperty("ts").GetDateTime());
    }

    [Fact]
    public void TheStoredDataIsWrittenAsIs()
    {
        // Stored JSON goes out untouched: no re-serialising on the hot path.
        const string data = """{ "call_id" : "CALL-1",  "note":"\u00e9" }""";
        var frame = Encoding.UTF8.GetString(LiveEvent.FromStored(1, "call:updated", data, At, traceParent: null).Frame.Span);
        Assert.Contains("\"data\":" + data + ",", frame, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("call:created", "calls")]
    [InlineData("ticket:updated", "tickets")]
    [InlineData("agent:status", "agents")]
    [InlineData("message:created", "messages")]
    [InlineData("sync:reset", "sync")]
    [InlineData("call", "")]
    [InlineData(":orphan", "")]
    public void TheTopicIsTheTypesPrefixInThePlural(string type, string topic) =>
        Assert.Equal(topic, RealtimeGen.Event(1, type).Topic);

    [Fact]
    public void ATicketsAgentIsTheOneItIsAssignedTo()
    {
        var ticket = LiveEvent.FromStored(7, "ticket:updated", """{"department":"sales","assigned_to":"AG-2","agent_id":"AG-9"}""", At, traceParent: null);
        var call = LiveEvent.FromStored(8, "call:updated", """{"department":"sales","assigned_to":"AG-2","agent_id":"AG-9"}""", At, traceParent: null);

        Assert.Equal("AG-2", ticket.AgentId);
        Assert.Equal("AG-9", call.AgentId);
        Assert.Equal("AG-2", LiveEvent.FromFrame(ticket.Frame, traceParent: null).AgentId);
    }

    [Theory]
    [InlineData("""{"call_id":12,"department":null,"agent_id":true}""")]
    [InlineData("""{}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""null""")]
    public void DataWithoutTextFieldsScopesNothing(string data)
    {
        var liveEvent = LiveEvent.FromStored(3, "call:updated", data, At, traceParent: null);

        Assert.Null(liveEvent.CallId);
        Assert.Null(liveEvent.Department);
        Assert.Null(liveEvent.AgentId);
    }

    [Fact]
    public void AFrameThatIsNotJsonIsRefused() =>
        Assert.ThrowsAny<JsonException>(() => LiveEvent.FromFrame("{\"id\":1,"u8.ToArray(), traceParent: null));
}
