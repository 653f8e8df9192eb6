using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

[Collection(CallCenterCollection.Name)]
public sealed class ConcurrencyTests(CallCenterFixture fixture)
{
    [Fact]
    public async Task CreateTicketsConcurrentlyThroughBothReplicasGivesUniqueWellFormedIds()
    {
        using var api = fixture.CreateApiClient();
        const int Count = 120;
        var log = await fixture.EventLogAsync();
        var before = await log.LastIdAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, Count).Select(i =>
            api.SendAsync(HttpMethod.Post, $"/api/tickets?customer_name=Load%20{i}&subject=Concurrent", null, newConnection: true)));

        Assert.All(responses, r => r.Expect(HttpStatusCode.OK));
        Assert.Equal(2, responses.Select(r => r.ServedBy).Distinct().Count());
        var ids = responses.Select(r => r.Str("ticket_id")).ToList();
        Assert.Equal(Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches($"^TKT-{DateTime.UtcNow:yyyyMMdd}-[0-9]{{4,}}$", id));
        var events = await log.AfterAsync(before);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => before + i), events.Select(e => e.Id));
    }
}
