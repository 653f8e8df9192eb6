using System.Net;
using CallCenter.ApiService.Security;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

/// <summary>API key ids come from a sequence, shuffled: two keys never share one, even next to old random ids.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class KeyIdTests(CallCenterFixture fixture)
{
    private static object NewKey(string name) => new { name, role = "integration" };

    [Fact]
    public async Task NewKeyWhoseNextIdAnOldRowHoldsGetsAnotherId()
    {
        using var admin = fixture.CreateApiClient();
        var counters = await IdCounters.OfAsync(fixture.App);
        var next = await counters.NextAsync(KeyNumber.Sequence);
        var held = KeyNumber.Format(next);
        // Revoked, so the planted key can never let anyone in.
        await counters.PlantAsync(
            """
            INSERT INTO api_keys (key_id, name, role, key_hash, created_at, created_by, revoked_at)
            VALUES (@id, 'Imported', 'integration', sha256(convert_to(@id, 'UTF8')), now(), 'import', now())
            """,
            ("id", held));

        var created = (await admin.PostAsync("/api/keys", NewKey("After an old key"))).Expect(HttpStatusCode.Created);

        Assert.Equal(KeyNumber.Format(next + 1), created.Str("key_id"));
        (await admin.SendAsync(HttpMethod.Delete, $"/api/keys/{created.Str("key_id")}", null)).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CreateKeysConcurrentlyThroughBothReplicasGivesDistinctIds()
    {
        using var admin = fixture.CreateApiClient();
        const int Count = 40;

        var responses = await admin.SendConcurrentlyAsync(HttpMethod.Post, Count, _ => "/api/keys", i => NewKey($"Concurrent {i}"));

        Assert.All(responses, r => r.Expect(HttpStatusCode.Created));
        Assert.Equal(2, responses.Select(r => r.ServedBy).Distinct().Count());
        var ids = responses.Select(r => r.Str("key_id")).ToList();
        Assert.Equal(Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^KEY-[0-9A-F]{8,}$", id));
    }
}
