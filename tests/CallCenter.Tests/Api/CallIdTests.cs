using System.Net;
using CallCenter.ApiService.Calls;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

/// <summary>Call ids come from a sequence, shuffled: they never collide, and past 2^32 calls they grow a digit.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class CallIdTests(CallCenterFixture fixture)
{
    private const long TwoToThe32 = 1L << 32;

    private static async Task<string> StartCallAsync(ApiClient api) =>
        (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}"))
            .Expect(HttpStatusCode.OK).Str("call_id");

    [Fact]
    public async Task CallsPastTwoToThe32GrowANinthHexDigitAndStayUsable()
    {
        using var api = fixture.CreateApiClient();
        var counters = await IdCounters.OfAsync(fixture.App);
        // Nothing else in the suite comes near 2^32 calls; were the sequence past the edge, this test could not cross it.
        Assert.Equal(TwoToThe32 - 1, await counters.MoveAsync(CallNumber.Sequence, TwoToThe32 - 1));

        var last8 = await StartCallAsync(api);
        var first9 = await StartCallAsync(api);

        Assert.Equal(CallNumber.Format(TwoToThe32 - 1), last8);
        Assert.Matches("^CALL-[0-9A-F]{8}$", last8);
        Assert.Equal(CallNumber.Format(TwoToThe32), first9);
        Assert.Matches("^CALL-[0-9A-F]{9}$", first9);
        (await api.GetAsync($"/api/calls/{first9}")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/transcripts/{first9}/messages?speaker=bot&content=hello")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/tickets?customer_name=Edge&subject=Nine%20digits&call_id={first9}")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/calls/{first9}/end")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task NewCallWhoseNextIdAnOldRowHoldsGetsAnotherId()
    {
        using var api = fixture.CreateApiClient();
        var counters = await IdCounters.OfAsync(fixture.App);
        var next = await counters.NextAsync(CallNumber.Sequence);
        var held = CallNumber.Format(next);
        // As a call from before ids came from a sequence would hold it: 32 random bits.
        await counters.PlantAsync(
            """
            INSERT INTO calls (call_id, customer_id, customer_name, phone_number, status, started_at, ended_at, duration, updated_at)
            VALUES (@id, 'CUST-001', 'Ahmed Mohamed', '+966501234567', 'ended', now(), now(), 0, now())
            """,
            ("id", held));

        var phone = ApiClient.NewSaudiMobile();
        var answer = (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(phone)}")).Expect(HttpStatusCode.OK);
        var started = answer.Str("call_id");

        Assert.NotEqual(held, started);
        Assert.Equal(CallNumber.Format(next + 1), started);
        // The attempt that met the old row was rolled back whole: the new caller is one customer, not two.
        var customers = (await api.GetAsync($"/api/customers?search={Uri.EscapeDataString(phone)}")).Expect(HttpStatusCode.OK);
        Assert.Equal([answer.Str("call.customer_id")], customers.Json["customers"].Items().Select(c => c.Text("customer_id")));
        (await api.GetAsync($"/api/calls/{started}")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StartCallsConcurrentlyThroughBothReplicasGivesDistinctIds()
    {
        using var api = fixture.CreateApiClient();
        const int Count = 120;

        var responses = await api.SendConcurrentlyAsync(
            HttpMethod.Post, Count, _ => $"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}");

        Assert.All(responses, r => r.Expect(HttpStatusCode.OK));
        Assert.Equal(2, responses.Select(r => r.ServedBy).Distinct().Count());
        Assert.Equal(Count, responses.Select(r => r.Str("call_id")).Distinct().Count());
        Assert.All(responses, r => Assert.Matches("^CALL-[0-9A-F]{8,}$", r.Str("call_id")));
    }
}
