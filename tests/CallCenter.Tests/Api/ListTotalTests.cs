using System.Net;
using CallCenter.ApiService.Data;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

/// <summary>
/// A list's total is exact up to <see cref="Paging.CountLimit"/> matches and says so; past it the total is the limit, a
/// lower bound, so a page of a huge table never counts all of it.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class ListTotalTests(CallCenterFixture fixture)
{
    [Fact]
    public async Task TenThousandMatchesAreCountedExactlyAndOneMoreMakesTheTotalALowerBound()
    {
        using var api = fixture.CreateApiClient();
        var counters = await IdCounters.OfAsync(fixture.App);
        var run = Guid.NewGuid().ToString("N")[..10];
        // 10,000 customers named "Bound<run>-n" and a 10,001st "Bound<run>+": each search's matches are known exactly.
        await counters.PlantAsync(
            """
            INSERT INTO customers (customer_id, name, phone_number)
            SELECT 'CUST-T' || @run || '-' || g, 'Bound' || @run || CASE WHEN g <= @limit THEN '-' || g ELSE '+' END, '+999' || @run || g
            FROM generate_series(1, @limit + 1) AS g
            """,
            ("run", run), ("limit", Paging.CountLimit));
        try
        {
            var atLimit = (await api.GetAsync($"/api/customers?search=Bound{run}-&limit=5")).Expect(HttpStatusCode.OK);
            var pastLimit = (await api.GetAsync($"/api/customers?search=Bound{run}&limit=5")).Expect(HttpStatusCode.OK);
            var justOne = (await api.GetAsync($"/api/customers?search={Uri.EscapeDataString($"Bound{run}+")}")).Expect(HttpStatusCode.OK);

            Assert.Equal(Paging.CountLimit, atLimit.Json["total"]!.GetValue<int>());
            Assert.True(atLimit.Json["total_is_exact"]!.GetValue<bool>());
            Assert.Equal(Paging.CountLimit, pastLimit.Json["total"]!.GetValue<int>());
            Assert.False(pastLimit.Json["total_is_exact"]!.GetValue<bool>());
            Assert.Equal(5, pastLimit.Json["customers"].Items().Count);
            Assert.Equal(1, justOne.Json["total"]!.GetValue<int>());
            Assert.True(justOne.Json["total_is_exact"]!.GetValue<bool>());
        }
        finally
        {
            await counters.PlantAsync("DELETE FROM customers WHERE customer_id LIKE 'CUST-T' || @run || '-%'", ("run", run));
        }
    }
}
