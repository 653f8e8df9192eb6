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

    /// <summary>
    /// A recompute moves open tickets to the policy that matches them now without a ticket event: it gives the catalog
    /// a new version, so a page kept while it ran is not sent again once it is done.
    /// </summary>
    [Fact]
    public async Task TicketsARecomputeMovedToAnotherPolicyShowInTheNextPage()
    {
        var (first, _) = await ReplicaClients.PairAsync(fixture, TestSecrets.AdminApiKey);
        using var here = new ApiClient(first);
        using var admin = fixture.CreateApiClient();
        var created = (await here.PostAsync("/api/tickets", new { customer_name = "Recompute Customer", customer_phone = ApiClient.NewSaudiMobile(), subject = "Moved", priority = "medium" }))
            .Expect(HttpStatusCode.OK);
        var (ticketId, customerId) = (created.Str("ticket_id"), created.Str("ticket.customer_id"));
        var page = $"/api/tickets?customer_id={customerId}";
        var policyId = $"recompute-{Guid.NewGuid():N}"[..20];
        (await admin.PostAsync("/api/sla-policies", new Dictionary<string, object?>
        {
            ["policy_id"] = policyId,
            ["name"] = "Recomputed",
            ["position"] = Random.Shared.Next(1, 400),
            ["conditions"] = new { customer_id = customerId },
            ["calendar_id"] = "24x7",
            ["targets"] = new { medium = new { first_response = new { minutes = 90, business_time = false } } },
        })).Expect(HttpStatusCode.Created);
        Assert.NotEqual(policyId, PolicyOf((await here.GetAsync(page)).Expect(HttpStatusCode.OK), ticketId));

        // Polled while the recompute runs, so the replica keeps the page it read last.
        var recompute = admin.PostAsync("/api/sla-policies/recompute");
        while (!recompute.IsCompleted)
        {
            (await here.GetAsync(page)).Expect(HttpStatusCode.OK);
        }

        (await recompute).Expect(HttpStatusCode.OK);
        Assert.Equal(policyId, PolicyOf((await here.GetAsync(page)).Expect(HttpStatusCode.OK), ticketId));
    }

    private static string? PolicyOf(ApiResponse page, string ticketId) =>
        page.Node("tickets")!.Items().Single(t => t.Text("ticket_id") == ticketId)["sla"]?["policy_id"]?.GetValue<string>();

    private static DateTime AsOf(ApiResponse page, string ticketId) =>
        page.Node("tickets")!.Items().Single(t => t.Text("ticket_id") == ticketId)["sla"]!["as_of"]!.GetValue<DateTime>();
}
