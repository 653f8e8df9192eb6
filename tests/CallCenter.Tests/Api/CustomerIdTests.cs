using System.Net;
using CallCenter.ApiService.Customers;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

/// <summary>Customer ids grow past CUST-999 without a cut, and a number is used once, only for a new customer.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class CustomerIdTests(CallCenterFixture fixture)
{
    private static async Task<string> CustomerOfNewCallAsync(ApiClient api, string phone, string name = "Test Caller") =>
        (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(phone)}&customer_name={Uri.EscapeDataString(name)}"))
            .Expect(HttpStatusCode.OK).Str("call.customer_id");

    [Fact]
    public async Task NewCallersAcrossTheThousandthCustomerGetCust998ToCust1001()
    {
        using var api = fixture.CreateApiClient();
        var counters = await IdCounters.OfAsync(fixture.App);
        // The shared app has far fewer customers; were it past 997, this test could not cross the edge.
        Assert.Equal(998, await counters.MoveAsync(CustomerNumber.Sequence, 998));
        var name = $"Edge {Guid.NewGuid():N}";

        List<string> ids = [];
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await CustomerOfNewCallAsync(api, ApiClient.NewSaudiMobile(), name));
        }

        Assert.Equal(["CUST-998", "CUST-999", "CUST-1000", "CUST-1001"], ids);
        (await api.GetAsync("/api/customers/CUST-1000")).Expect(HttpStatusCode.OK);
        var listed = (await api.GetAsync($"/api/customers?search={Uri.EscapeDataString(name)}")).Expect(HttpStatusCode.OK);
        Assert.Equal(ids, listed.Json["customers"].Items().Select(c => c.Text("customer_id")));
    }

    [Fact]
    public async Task KnownCallerTakesNoCustomerNumber()
    {
        using var api = fixture.CreateApiClient();
        var counters = await IdCounters.OfAsync(fixture.App);
        var phone = ApiClient.NewSaudiMobile();
        var first = await CustomerOfNewCallAsync(api, phone);
        var next = await counters.NextAsync(CustomerNumber.Sequence);

        var again = await CustomerOfNewCallAsync(api, phone);
        var ticket = (await api.PostAsync($"/api/tickets?customer_name=Known&customer_phone={Uri.EscapeDataString(phone)}&subject=Again"))
            .Expect(HttpStatusCode.OK);

        Assert.Equal(first, again);
        Assert.Equal(first, ticket.Str("ticket.customer_id"));
        Assert.Equal(next, await counters.NextAsync(CustomerNumber.Sequence));
    }

    [Fact]
    public async Task NewCallerWhoseNextIdARowHoldsGetsTheFollowingOne()
    {
        using var api = fixture.CreateApiClient();
        var counters = await IdCounters.OfAsync(fixture.App);
        var next = await counters.NextAsync(CustomerNumber.Sequence);
        await counters.PlantAsync(
            "INSERT INTO customers (customer_id, name, phone_number) VALUES (@id, 'Imported', @phone)",
            ("id", CustomerNumber.Format(next)), ("phone", ApiClient.NewSaudiMobile()));

        var customer = await CustomerOfNewCallAsync(api, ApiClient.NewSaudiMobile());

        Assert.Equal(CustomerNumber.Format(next + 1), customer);
    }
}
