using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

/// <summary>
/// A replica answers a ticket page again without reading it while no ticket has changed (<c>TicketMark</c>): the same
/// page, down to its SLA's <c>as_of</c>. A change made through either replica ends that at once.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class TicketPageReuseTests(CallCenterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AnUnchangedPageIsSentAgainAndAChangeOnTheOtherReplicaShowsInTheNextOne()
    {
        var (first, second) = await ReplicaClients.PairAsync(fixture, TestSecrets.AdminApiKey);
        using var here = new ApiClient(first);
        using var there = new ApiClient(second);
        var created = (await here.PostAsync("/api/tickets", new { customer_name = "Reuse Customer", customer_phone = ApiClient.NewSaudiMobile(), subject = "Kept", priority = "low" }))
            .Expect(HttpStatusCode.OK);
        var (ticketId, customerId) = (created.Str("ticket_id"), created.Str("ticket.customer_id"));
        var page = $"/api/tickets?customer_id={customerId}";

        // Other tests' tickets may change meanwhile (each change ends the reuse), so look until two pages in a row match.
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            deadline.Token.ThrowIfCancellationRequested();
            var before = AsOf((await here.GetAsync(page)).Expect(HttpStatusCode.OK), ticketId);
            if (AsOf((await here.GetAsync(page)).Expect(HttpStatusCode.OK), ticketId) == before)
            {
                break;
            }
        }

        var kept = AsOf((await here.GetAsync(page)).Expect(HttpStatusCode.OK), ticketId);
        (await there.PatchAsync($"/api/tickets/{ticketId}", new { priority = "high" })).Expect(HttpStatusCode.OK);

        var after = (await here.GetAsync(page)).Expect(HttpStatusCode.OK);
        var ticket = after.Node("tickets")!.Items().Single(t => t.Text("ticket_id") == ticketId);
        Assert.Equal("high", ticket.Text("priority"));
        Assert.True(AsOf(after, ticketId) > kept, "the page after the change was read anew");
    }

    private static DateTime AsOf(ApiResponse page, string ticketId) =>
        page.Node("tickets")!.Items().Single(t => t.Text("ticket_id") == ticketId)["sla"]!["as_of"]!.GetValue<DateTime>();
}
