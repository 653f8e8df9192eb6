using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

/// <summary>
/// Identical list requests share reads (<c>CollapsedReads</c>), yet a client that was told its change succeeded sees
/// it in the next list it asks for, on either replica, however many others are polling the same page; and a read is
/// shared only by callers entitled to the same answer.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class CollapsedListReadsTests(CallCenterFixture fixture)
{
    private const int Pollers = 8;
    private const int Rounds = 30;

    [Fact]
    public async Task AChangedTicketShowsInTheNextPageWhileOthersPollTheSamePage()
    {
        using var api = fixture.CreateApiClient();
        var id = (await api.PostAsync($"/api/tickets?customer_name=Poll%20Test&customer_phone={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}&subject=Polled&priority=low"))
            .Expect(HttpStatusCode.OK).Str("ticket_id");

        await WhilePolling("/api/tickets?limit=50", async round =>
        {
            var priority = round % 2 == 0 ? "high" : "low";
            (await api.PatchAsync($"/api/tickets/{id}?priority={priority}")).Expect(HttpStatusCode.OK);

            var page = (await api.GetAsync("/api/tickets?limit=50")).Expect(HttpStatusCode.OK);
            Assert.Equal(priority, page.Json["tickets"].Items().Single(ticket => ticket.Text("ticket_id") == id).Text("priority"));
        });
    }

    [Fact]
    public async Task ARoutedCallShowsInTheNextQueueWhileOthersPollTheQueue()
    {
        using var api = fixture.CreateApiClient();
        var placed = new List<string>();
        try
        {
            await WhilePolling("/api/calls/queue", async _ =>
            {
                var call = (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}")).Expect(HttpStatusCode.OK).Str("call_id");
                placed.Add(call);
                (await api.PostAsync($"/api/calls/{call}/route?department=billing")).Expect(HttpStatusCode.OK);

                var queue = (await api.GetAsync("/api/calls/queue")).Expect(HttpStatusCode.OK);
                Assert.Contains(call, queue.Json["queue"].Items().Select(queued => queued.Text("call_id")));
            });
        }
        finally
        {
            foreach (var call in placed)
            {
                (await api.PostAsync($"/api/calls/{call}/end")).Expect(HttpStatusCode.OK);
            }
        }
    }

    [Fact]
    public async Task AnAgentAskingForThePageOthersPollGetsOnlyTheirOwnDepartment()
    {
        using var admin = fixture.CreateApiClient();
        using var layla = await Security.FloorKeys.ClientAsync(fixture, "agent", "AGT-003");
        foreach (var department in new[] { "support", "complaints" })
        {
            (await admin.PostAsync($"/api/tickets?customer_name=Poll%20Test&subject=Scoped&department={department}")).Expect(HttpStatusCode.OK);
        }

        // The admin's pollers ask for the same URL; Layla's scope (complaints) is part of what her read is keyed by.
        Assert.Contains(
            (await admin.GetAsync("/api/tickets?limit=200")).Expect(HttpStatusCode.OK).Json["tickets"].Items(),
            ticket => ticket.Text("department") != "complaints");
        await WhilePolling("/api/tickets?limit=200", async _ =>
        {
            var tickets = (await layla.GetAsync("/api/tickets?limit=200")).Expect(HttpStatusCode.OK).Json["tickets"].Items();
            Assert.NotEmpty(tickets);
            Assert.All(tickets, ticket => Assert.Equal("complaints", ticket.Text("department")));
        });
    }

    /// <summary>Runs the rounds while <see cref="Pollers"/> clients ask for <paramref name="page"/> back to back.</summary>
    private async Task WhilePolling(string page, Func<int, Task> round)
    {
        using var stop = new CancellationTokenSource();
        var polls = 0;
        var pollers = Enumerable.Range(0, Pollers).Select(_ => Task.Run(async () =>
        {
            using var poller = fixture.CreateApiClient();
            while (!stop.IsCancellationRequested)
            {
                (await poller.GetAsync(page)).Expect(HttpStatusCode.OK);
                Interlocked.Increment(ref polls);
            }
        })).ToList();
        try
        {
            // The pollers are under way before the first change, so every round's read may find a read running.
            await WaitFor(() => Volatile.Read(ref polls) >= 4 * Pollers);
            for (var i = 0; i < Rounds; i++)
            {
                await round(i);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(pollers);
        }
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + ApiClient.RequestTimeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The pollers did not get going.");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
