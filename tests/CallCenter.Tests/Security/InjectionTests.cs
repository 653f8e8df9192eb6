using System.Net;
using CallCenter.Tests.Infrastructure;
using CallCenter.Tests.Web;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Security;

/// <summary>Script and SQL in what people type are kept exactly as typed and never run, in the API or on a page.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class InjectionTests(CallCenterFixture fixture, ChromiumFixture chromium)
{
    private const string Hostile = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> ' OR '1'='1'; DROP TABLE tickets; --";

    [Fact]
    public async Task HostileTextIsStoredVerbatimAndRenderedInert()
    {
        using var api = fixture.CreateApiClient();
        var phone = ApiClient.NewSaudiMobile();
        var created = (await api.PostAsync("/api/tickets", new
        {
            customer_name = Hostile[..100],
            customer_phone = phone,
            subject = Hostile,
            description = Hostile,
            department = "support",
        })).Expect(HttpStatusCode.OK);
        var ticketId = created.Str("ticket_id");
        (await api.PatchAsync($"/api/tickets/{ticketId}", new { notes = Hostile })).Expect(HttpStatusCode.OK);

        var stored = (await api.GetAsync($"/api/tickets/{ticketId}")).Expect(HttpStatusCode.OK);
        Assert.Equal(Hostile, stored.Str("subject"));
        Assert.Equal(Hostile, stored.Str("description"));
        Assert.Contains(stored.Json["history"].Items(), entry => entry["note"]?.GetValue<string>() == Hostile);
        // The SQL in a search is a search term like any other: it finds the one customer whose name holds it.
        var found = (await api.GetAsync($"/api/customers?search={Uri.EscapeDataString("' OR '1'='1")}")).Expect(HttpStatusCode.OK).Json["customers"].Items();
        Assert.Equal(Hostile[..100], Assert.Single(found).Text("name"));
        Assert.True((await api.GetAsync("/api/tickets?limit=1")).Expect(HttpStatusCode.OK).Json["total"]!.GetValue<int>() > 0);

        await FloorBrowser.RunAsync(fixture, chromium, async browser =>
        {
            var page = await browser.SignInAsync("supervisor");
            await page.GotoAsync($"/Crm/Tickets/{ticketId}");
            await Expect(page.Locator("h1 [data-field='subject']")).ToHaveTextAsync(Hostile);
            Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
            Assert.Equal(0, await page.Locator("main img[src='x']").CountAsync());
        });
    }
}
