using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Security;

/// <summary>Keys the admin issues for a test, and clients that use them.</summary>
internal sealed record IssuedKey(string Secret, string KeyId, string Name);

internal static class FloorKeys
{
    public static async Task<IssuedKey> IssueAsync(AppFixture fixture, string role, string? agentId = null, int? requestsPerMinute = null)
    {
        using var admin = fixture.CreateApiClient();
        var created = (await admin.PostAsync("/api/keys", new
        {
            name = $"test {role} {agentId} {Guid.NewGuid():N}".Replace("  ", " ", StringComparison.Ordinal),
            role,
            agent_id = agentId,
            requests_per_minute = requestsPerMinute,
        })).Expect(HttpStatusCode.Created);
        return new IssuedKey(created.Str("api_key"), created.Str("key_id"), created.Str("key.name"));
    }

    public static async Task<ApiClient> ClientAsync(AppFixture fixture, string role, string? agentId = null) =>
        fixture.CreateApiClient((await IssueAsync(fixture, role, agentId)).Secret);

    /// <summary>The Web app's key acting for a signed-in person.</summary>
    public static ApiClient ActingThroughWeb(AppFixture fixture, string user, string role, string? agentId = null) =>
        fixture.CreateApiClient(
            TestSecrets.WebApiKey,
            [("X-Acting-User", user), ("X-Acting-Role", role), .. agentId is null ? Array.Empty<(string, string)>() : [("X-Acting-Agent", agentId)]]);
}
