using System.Net;
using System.Text.Json.Nodes;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

/// <summary>
/// Webhooks on the real app and a real receiver on loopback (allow-listed by the fixture, whose retries wait 0.2 s
/// then 0.5 s): signed deliveries, retries that keep the order, 410, rotation, both replicas writing, a replica killed
/// mid-delivery.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class WebhookTests(CallCenterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReplacedDeadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task FailedAttemptsAreRetriedAndEveryEventArrivesSignedInOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, count) => Task.FromResult(count <= 3 ? 503 : 204);
        using var api = fixture.CreateApiClient();
        var (endpointId, log, before) = await RegisterAsync(api, receiver, ["call:new"]);

        for (var i = 0; i < 5; i++)
        {
            (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}")).Expect(HttpStatusCode.OK);
        }

        var expected = (await log.AfterAsync(before)).Where(e => e.Type == "call:new").Select(e => e.Id).ToList();
        await receiver.WaitUntilAsync(r => r.Accepted.Count >= expected.Count, Deadline, "every call:new accepted");

        Assert.Equal(expected, receiver.Accepted);
        Assert.Equal([expected[0], expected[0], expected[0], expected[0]], receiver.Received.Take(4).Select(d => d.Id));
        Assert.All(receiver.Received, delivery => Assert.True(delivery.Verified, $"signature of {delivery.Id} did not verify"));
        Assert.All(receiver.Received, delivery => Assert.Equal("call:new", delivery.Body["type"]!.GetValue<string>()));
        Assert.All(receiver.Received, delivery => Assert.Equal(delivery.Id, delivery.Body["id"]!.GetValue<long>()));
        Assert.All(receiver.Received, delivery => Assert.InRange(
            long.Parse(delivery.Timestamp, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        // Deliveries are logged together a moment after they are made (Webhooks:RecordEvery).
        var first = await WaitForDeliveryAsync(api, endpointId, expected[0], d => d.Text("status") == "delivered");
        Assert.Equal("delivered", first.Text("status"));
        Assert.Equal(4, first.Value<int>("attempts"));
        Assert.Equal(204, first.Value<int>("response_code"));
    }

    [Fact]
    public async Task GoneDisablesTheEndpointAndTheAuditSaysSo()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, _) => Task.FromResult(410);
        using var api = fixture.CreateApiClient();
        var (endpointId, _, _) = await RegisterAsync(api, receiver, ["*"]);

        (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}")).Expect(HttpStatusCode.OK);

        var endpoint = await WaitForEndpointAsync(api, endpointId, e => !e.Value<bool>("enabled"));
        Assert.Equal("gone", endpoint.Text("disabled_reason"));
        Assert.Single(receiver.Received);
        var audit = (await api.GetAsync($"/api/audit?subject=webhook:{endpointId}&action=webhook:disabled:gone")).Expect(HttpStatusCode.OK);
        Assert.Equal("system", audit.Node("entries")!.Items().Single().Text("actor"));
        var logged = (await api.GetAsync($"/api/webhooks/{endpointId}/deliveries")).Expect(HttpStatusCode.OK).Node("deliveries")!.Items().Single();
        Assert.Equal("failed", logged.Text("status"));
        Assert.Equal(410, logged.Value<int>("response_code"));
    }

    [Fact]
    public async Task DuringARotationDeliveriesVerifyWithTheOldSecretAndTheNew()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = fixture.CreateApiClient();
        var (endpointId, _, _) = await RegisterAsync(api, receiver, ["call:new"]);
        var old = receiver.Secrets.Single();

        var rotated = (await api.PostAsync($"/api/webhooks/{endpointId}/rotate-secret")).Expect(HttpStatusCode.OK);
        var current = rotated.Str("secret");
        Assert.NotEqual(old, current);
        (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}")).Expect(HttpStatusCode.OK);

        await receiver.WaitUntilAsync(r => r.Accepted.Count >= 1, Deadline, "the call:new after the rotation");
        var delivery = receiver.Received[0];
        Assert.Equal(2, delivery.Signature.Split(' ').Length);
        Assert.True(WebhookReceiver.Verifies(delivery.Signature, delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), delivery.Timestamp, delivery.Raw, current));
        Assert.True(WebhookReceiver.Verifies(delivery.Signature, delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), delivery.Timestamp, delivery.Raw, old));
    }

    [Fact]
    public async Task ConcurrentWritesThroughBothReplicasArriveInEventOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = fixture.CreateApiClient();
        var (_, log, before) = await RegisterAsync(api, receiver, ["call:new", "ticket:created"]);

        var (first, second) = await ReplicaClients.PairAsync(fixture, TestSecrets.AdminApiKey);
        using (first)
        using (second)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? first : second).PostAsync(i % 4 < 2
                ? $"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}"
                : $"/api/tickets?customer_name=Hook%20{i}&subject=Order", content: null)));

            Assert.All(answers, answer => Assert.True(answer.IsSuccessStatusCode, $"{answer.StatusCode}"));
            Assert.Equal(2, answers.Select(answer => answer.Headers.GetValues("X-Served-By").Single()).Distinct().Count());
        }

        var expected = (await log.AfterAsync(before)).Where(e => e.Type is "call:new" or "ticket:created").Select(e => e.Id).ToList();
        await receiver.WaitUntilAsync(r => r.Accepted.Distinct().Count() >= expected.Count, Deadline, "every event accepted");
        Assert.Equal(expected, InOrder(receiver.Accepted));
    }

    [Fact]
    public async Task AReplicaKilledMidDeliveryLosesNothingAndTheOrderHolds()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var held = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Answer = async (delivery, count) =>
        {
            if (count == 1)
            {
                // The first delivery hangs until its sender is dead: the receiver never answers it.
                held.SetResult(delivery.UserAgent);
                await release.Task;
                return 500;
            }

            return 200;
        };
        using var api = fixture.CreateApiClient();
        var (_, log, before) = await RegisterAsync(api, receiver, ["call:new"]);

        for (var i = 0; i < 4; i++)
        {
            (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}")).Expect(HttpStatusCode.OK);
        }

        var sender = System.Text.RegularExpressions.Regex.Match(await held.Task.WaitAsync(Deadline), @"\((?<replica>[^)]+)\)").Groups["replica"].Value;
        var killedAt = DateTime.UtcNow;
        ServerProcesses.KillService(fixture.App, sender);
        release.SetResult();

        var expected = (await log.AfterAsync(before)).Where(e => e.Type == "call:new").Select(e => e.Id).ToList();
        await receiver.WaitUntilAsync(r => r.Accepted.Distinct().Count() >= expected.Count, Deadline, "every call:new accepted after the kill");
        Assert.Equal(expected, InOrder(receiver.Accepted));
        Assert.DoesNotContain(receiver.Received.Skip(1), delivery => delivery.UserAgent.Contains(sender, StringComparison.Ordinal));
        await ServerProcesses.WaitUntilReplacedAsync(fixture.App, sender, killedAt, ReplacedDeadline);
    }

    [Theory]
    [InlineData("http://10.0.0.7/hook", "url")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "url")]
    [InlineData("ftp://example.com/hook", "url")]
    [InlineData("http://127.0.0.2:9/hook", "url")]
    public async Task AUrlReachingInsideIs400NamingUrlAndRegistersNothing(string url, string field)
    {
        using var api = fixture.CreateApiClient();
        var count = (await api.GetAsync("/api/webhooks")).Expect(HttpStatusCode.OK).Node("endpoints")!.Items().Count;

        (await api.PostAsync("/api/webhooks", new { url, event_types = new[] { "*" } })).ExpectProblem(HttpStatusCode.BadRequest, field);

        Assert.Equal(count, (await api.GetAsync("/api/webhooks")).Expect(HttpStatusCode.OK).Node("endpoints")!.Items().Count);
    }

    [Fact]
    public async Task AnUnknownEventTypeIs400NamingEventTypes()
    {
        using var api = fixture.CreateApiClient();

        (await api.PostAsync("/api/webhooks", new { url = "http://127.0.0.1:9/hook", event_types = new[] { "call:exploded" } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "event_types");
        (await api.PostAsync("/api/webhooks/1/redeliver", new { from_event_id = 9, to_event_id = 3 }))
            .ExpectProblem(HttpStatusCode.BadRequest, "to_event_id");
    }

    [Fact]
    public async Task RedeliverSendsAnEventOnceMore()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var api = fixture.CreateApiClient();
        var (endpointId, _, _) = await RegisterAsync(api, receiver, ["call:new"]);
        (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}")).Expect(HttpStatusCode.OK);
        await receiver.WaitUntilAsync(r => r.Accepted.Count >= 1, Deadline, "the first delivery");
        var eventId = receiver.Accepted[0];

        var queued = (await api.PostAsync($"/api/webhooks/{endpointId}/redeliver", new { event_id = eventId })).Expect(HttpStatusCode.Accepted);

        Assert.Equal(1, queued.Json["queued"]!.GetValue<int>());
        await receiver.WaitUntilAsync(r => r.Accepted.Count >= 2, Deadline, "the redelivery");
        Assert.Equal([eventId, eventId], receiver.Accepted);
    }

    /// <summary>Registers the receiver (its secret handed to it) and notes where the event log stood.</summary>
    private async Task<(long EndpointId, EventLog Log, long Before)> RegisterAsync(ApiClient api, WebhookReceiver receiver, string[] types)
    {
        var log = await fixture.EventLogAsync();
        var before = await log.LastIdAsync();
        var created = (await api.PostAsync("/api/webhooks", new { url = receiver.Url.AbsoluteUri, event_types = types })).Expect(HttpStatusCode.Created);
        receiver.Secrets.Add(created.Str("secret"));
        Assert.Matches("^whsec_[A-Za-z0-9+/]+=*$", created.Str("secret"));
        return (created.Json["endpoint"]!["endpoint_id"]!.GetValue<long>(), log, before);
    }

    private static async Task<JsonNode> WaitForEndpointAsync(ApiClient api, long endpointId, Func<JsonNode, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (true)
        {
            var endpoint = (await api.GetAsync($"/api/webhooks/{endpointId}")).Expect(HttpStatusCode.OK).Json;
            if (condition(endpoint))
            {
                return endpoint;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    private static async Task<JsonNode> WaitForDeliveryAsync(ApiClient api, long endpointId, long eventId, Func<JsonNode, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (true)
        {
            var delivery = (await api.GetAsync($"/api/webhooks/{endpointId}/deliveries")).Expect(HttpStatusCode.OK)
                .Node("deliveries")!.Items().SingleOrDefault(d => d.Value<long>("event_id") == eventId);
            if (delivery is not null && condition(delivery))
            {
                return delivery;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    /// <summary>
    /// Accepted ids as a receiver that drops a <c>webhook-id</c> it already has sees them: a resend (at least once,
    /// after a replica died before recording what it sent) folds away; a new event out of order stays visible.
    /// </summary>
    private static List<long> InOrder(IEnumerable<long> accepted)
    {
        var seen = new HashSet<long>();
        return [.. accepted.Where(seen.Add)];
    }
}
