using System.Net;
using System.Text.Json.Nodes;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Sla;

/// <summary>
/// A ticket under a one-minute first-response target on the 24×7 calendar, on the real app: its warning and breach go
/// out live, once each, on time, with the escalation applied, though the replica that created it was killed.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class SlaDeadlineTests(CallCenterFixture fixture)
{
    private static readonly TimeSpan ReplacedDeadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task AShortTargetWarnsBreachesAndEscalatesOnceEvenWithItsReplicaKilled()
    {
        using var api = fixture.CreateApiClient();
        var phone = ApiClient.NewSaudiMobile();
        var customerId = (await api.PostAsync("/api/tickets", new { customer_name = "Deadline Customer", customer_phone = phone, subject = "First" }))
            .Expect(HttpStatusCode.OK).Str("ticket.customer_id");
        var policyId = $"minute-{Guid.NewGuid():N}"[..20];
        (await api.PostAsync("/api/sla-policies", new
        {
            policy_id = policyId,
            name = "One minute",
            // Before the demo's complaints policy (500), so the escalation to complaints keeps this one.
            position = Random.Shared.Next(1, 400),
            conditions = new { customer_id = customerId },
            calendar_id = "24x7",
            warning_minutes = 1,
            targets = new { high = new { first_response = new { minutes = 1, business_time = true } } },
            escalation = new { raise_priority = true, department = "complaints" },
        })).Expect(HttpStatusCode.Created);

        var log = await fixture.EventLogAsync();
        var before = await log.LastIdAsync();
        var created = (await api.PostAsync("/api/tickets", new
        {
            customer_name = "Deadline Customer", customer_phone = phone, subject = "Where is my order?", priority = "high", department = "support",
        })).Expect(HttpStatusCode.OK);
        var ticketId = created.Str("ticket_id");
        Assert.Equal(policyId, created.Str("ticket.sla.policy_id"));
        var dueAt = created.Node("ticket.sla.next_due_at")!.GetValue<DateTime>();
        Assert.Equal(created.Node("ticket.created_at")!.GetValue<DateTime>().AddMinutes(1), dueAt);

        var killed = created.ServedBy!;
        var killedAt = DateTime.UtcNow;
        ServerProcesses.KillService(fixture.App, killed);

        await using (var socket = await LiveSocket.ConnectToReplicaAsync(fixture.App, servedBy => servedBy != killed, $"?last_event_id={before}"))
        {
            var warning = await NextForAsync(socket, "ticket:sla_warning", ticketId);
            Assert.Equal("first_response", warning["data"].Text("target"));
            var breach = await NextForAsync(socket, "ticket:sla_breached", ticketId);
            Assert.Equal(dueAt, breach["data"]!.Value<DateTime>("breached_at"));
            Assert.True(breach["ts"]!.GetValue<DateTime>() - dueAt < TimeSpan.FromSeconds(5), $"Breach sent at {breach["ts"]}, due {dueAt:O}.");
            Assert.Equal("urgent", breach["data"].Text("priority"));
            Assert.Equal("complaints", breach["data"].Text("department"));
            Assert.Equal("high", breach["data"]!["escalation"].Text("priority_from"));
        }

        var ticket = (await api.GetAsync($"/api/tickets/{ticketId}")).Expect(HttpStatusCode.OK);
        Assert.Equal("breached", ticket.Str("sla.status"));
        Assert.Equal("urgent", ticket.Str("priority"));
        Assert.Equal(
            ["started", "warned", "breached", "escalated"],
            ticket.Node("sla.timeline")!.Items().Select(entry => entry.Text("what")).Where(what => what != "retargeted"));

        await ServerProcesses.WaitUntilReplacedAsync(fixture.App, killed, killedAt, ReplacedDeadline);
        var sent = (await log.AfterAsync(before)).Where(e => e.Data["ticket_id"]?.GetValue<string>() == ticketId).Select(e => e.Type).ToList();
        Assert.Equal(1, sent.Count(type => type == "ticket:sla_warning"));
        Assert.Equal(1, sent.Count(type => type == "ticket:sla_breached"));

        var compliance = (await api.GetAsync("/api/stats/sla-compliance")).Expect(HttpStatusCode.OK);
        var row = compliance.Node("rows")!.Items().Single(r => r["policy_id"]?.GetValue<string>() == policyId);
        Assert.Equal(1, row.Value<int>("breached"));
        Assert.Equal(0, row.Value<double>("compliance_percent"));
    }

    /// <summary>The next frame of <paramref name="type"/> about the ticket; the breach is a minute away, so the wait is long.</summary>
    private static async Task<JsonNode> NextForAsync(LiveSocket socket, string type, string ticketId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            var frame = await socket.NextAsync(TimeSpan.FromSeconds(120)).WaitAsync(deadline.Token);
            if (frame.Text("type") == type && frame["data"]!["ticket_id"]?.GetValue<string>() == ticketId)
            {
                return frame;
            }
        }
    }
}
