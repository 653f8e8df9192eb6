using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

/// <summary>A day's ticket numbers grow past four digits without a cut; the id works wherever ids are taken.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class TicketIdTests(CallCenterFixture fixture)
{
    [Fact]
    public async Task TicketsPastTheDays9999thGetFiveDigits()
    {
        using var api = fixture.CreateApiClient();
        var counters = await IdCounters.OfAsync(fixture.App);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // The shared app opens far fewer tickets a day; were it past 9998, this test could not cross the edge.
        Assert.Equal(9998, await counters.MoveTicketCounterAsync(today, 9998));

        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            ids.Add((await api.PostAsync("/api/tickets?customer_name=Edge&subject=Five%20digits")).Expect(HttpStatusCode.OK).Str("ticket_id"));
        }

        Assert.Equal([$"TKT-{today:yyyyMMdd}-9999", $"TKT-{today:yyyyMMdd}-10000"], ids);
        (await api.GetAsync($"/api/tickets/{ids[1]}")).Expect(HttpStatusCode.OK);
        (await api.PatchAsync($"/api/tickets/{ids[1]}?status=in_progress&notes=five%20digits")).Expect(HttpStatusCode.OK);
    }
}
