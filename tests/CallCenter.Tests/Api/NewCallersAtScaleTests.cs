using System.Diagnostics;
using System.Net;
using CallCenter.ApiService.Customers;
using CallCenter.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CallCenter.Tests.Api;

/// <summary>
/// Issue 10's "done when": 1,500 calls from 1,500 new numbers all answer, with 1,500 distinct customers. Its own
/// app, so the shared one is not left with 1,500 live calls, and run alone, so it neither slows nor is slowed by others.
/// </summary>
[Collection(NewCallersAtScaleCollection.Name)]
public sealed class NewCallersAtScaleTests(CallCenterFixture fixture, ITestOutputHelper output)
{
    private const int Callers = 1500;

    [Fact]
    public async Task FifteenHundredCallsFromNewNumbersAllAnswerWithDistinctCustomers()
    {
        using var api = fixture.CreateApiClient();
        var counters = await IdCounters.OfAsync(fixture.App);
        var first = await counters.NextAsync(CustomerNumber.Sequence);
        var clock = Stopwatch.StartNew();
        // One block of numbers, one per caller, that no seeded customer (+96650…, +96655…) has.
        var responses = await api.SendConcurrentlyAsync(
            HttpMethod.Post, Callers, i => $"/api/calls?phone_number=%2B96658{1_000_000 + i:D7}&customer_name=New%20caller");
        output.WriteLine($"{Callers} calls in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.All(responses, r => r.Expect(HttpStatusCode.OK));
        Assert.Equal(2, responses.Select(r => r.ServedBy).Distinct().Count());
        Assert.Equal(Callers, responses.Select(r => r.Str("call_id")).Distinct().Count());
        var customers = responses.Select(r => r.Str("call.customer_id")).ToHashSet();
        // Exactly the next 1,500 numbers: none cut at CUST-1000, none skipped, none given twice.
        Assert.Equal(Enumerable.Range(0, Callers).Select(i => CustomerNumber.Format(first + i)).ToHashSet(), customers);
    }
}

/// <summary>Runs after the parallel collections, on an app of its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NewCallersAtScaleCollection : ICollectionFixture<CallCenterFixture>
{
    public const string Name = "New callers at scale";
}
