using System.Net;
using System.Text.Json.Nodes;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Distribution;

/// <summary>Steps the distribution tests share: a quiet floor, agents made ready in a known order, calls queued.</summary>
public sealed class AcdFloor(ApiClient api)
{
    public const int RingTimeoutSeconds = 5;
    public const int WrapUpSeconds = 2;
    public const int OverflowAfterSeconds = 3;

    /// <summary>Stats: a caller who hangs up sooner is a short abandon; sales answers within this to meet service level.</summary>
    public const int ShortAbandonSeconds = 2;
    public const int SalesServiceLevelSeconds = 2;

    /// <summary>The center's clock, three hours ahead of UTC all year, so "today" starts at 21:00 UTC.</summary>
    public const string TimeZone = "Asia/Riyadh";

    /// <summary>Billing's wrap-up, which the desk's browser tests work in.</summary>
    public const int DeskWrapUpSeconds = 60;

    /// <summary>Every agent offline and every active call ended, so nothing from an earlier test is offered.</summary>
    public async Task QuietAsync()
    {
        foreach (var agent in (await api.GetAsync("/api/agents?limit=200")).Expect(HttpStatusCode.OK).Json["agents"].Items())
        {
            await api.PatchAsync($"/api/agents/{agent.Text("agent_id")}/status", new { status = "offline" });
        }

        foreach (var call in (await api.GetAsync("/api/calls?limit=200")).Expect(HttpStatusCode.OK).Json["calls"].Items())
        {
            await api.PostAsync($"/api/calls/{call.Text("call_id")}/end");
        }
    }

    /// <summary>Makes the agents available one after another, so the first has been idle longest.</summary>
    public async Task MakeAvailableAsync(params string[] agentIds)
    {
        foreach (var agentId in agentIds)
        {
            (await api.PatchAsync($"/api/agents/{agentId}/activity", new { activity = "available" })).Expect(HttpStatusCode.OK);
        }
    }

    public async Task<string> QueueCallAsync(string department, string? language = null, string priority = "medium", string? skill = null)
    {
        var query = $"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}" + (language is null ? "" : $"&language={language}");
        var callId = (await api.PostAsync(query)).Expect(HttpStatusCode.OK).Str("call_id");
        (await api.PostAsync($"/api/calls/{callId}/route", new { department, priority, skill })).Expect(HttpStatusCode.OK);
        return callId;
    }

    public async Task<JsonNode> CallAsync(string callId) => (await api.GetAsync($"/api/calls/{callId}")).Expect(HttpStatusCode.OK).Json;

    public async Task<JsonNode> AgentAsync(string agentId) => (await api.GetAsync($"/api/agents/{agentId}")).Expect(HttpStatusCode.OK).Json;

    /// <summary>The next offer of <paramref name="callId"/> on the socket.</summary>
    public static async Task<JsonNode> OfferOfAsync(LiveSocket socket, string callId) =>
        (await socket.NextMatchingAsync(frame => Is(frame, "call:offered") && frame["data"]!.Text("call_id") == callId)).Match["data"]!;

    /// <summary>The next activity change of <paramref name="agentId"/> to <paramref name="activity"/> on the socket.</summary>
    public static async Task<JsonNode> ActivityAsync(LiveSocket socket, string agentId, string activity) =>
        (await socket.NextMatchingAsync(frame => Is(frame, "agent:activity_changed")
            && frame["data"]!.Text("agent_id") == agentId && frame["data"]!.Text("activity") == activity)).Match["data"]!;

    public static bool Is(JsonNode frame, string type) => frame["type"]!.GetValue<string>() == type;
}
