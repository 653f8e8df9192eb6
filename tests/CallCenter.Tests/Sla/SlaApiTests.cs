using System.Net;
using CallCenter.Tests.Infrastructure;
using CallCenter.Tests.Security;
using Npgsql;

namespace CallCenter.Tests.Sla;

/// <summary>Calendars, policies and a ticket's clocks through the API of the real app.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class SlaApiTests(CallCenterFixture fixture)
{
    private static object RiyadhHours(string sundayEnd = "17:00") => new
    {
        sunday = new[] { new { start = "08:00", end = sundayEnd } },
        monday = new[] { new { start = "08:00", end = "12:00" }, new { start = "13:00", end = "17:00" } },
        tuesday = new[] { new { start = "08:00", end = "17:00" } },
        wednesday = new[] { new { start = "08:00", end = "17:00" } },
        thursday = new[] { new { start = "08:00", end = "17:00" } },
    };

    [Fact]
    public async Task AdminsKeepCalendarsWithImportedHolidaysAndEveryChangeIsAudited()
    {
        using var api = fixture.CreateApiClient();
        var calendarId = $"riyadh-{Guid.NewGuid():N}"[..20];
        var created = (await api.PostAsync("/api/calendars", new { calendar_id = calendarId, name = "Riyadh office", time_zone = "Asia/Riyadh", hours = RiyadhHours() }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(2, created.Node("hours.monday")!.Items().Count);

        const string ics = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//CallCenter tests//EN
            BEGIN:VEVENT
            UID:national-day@test
            DTSTAMP:20260101T000000Z
            DTSTART;VALUE=DATE:20260923
            DTEND;VALUE=DATE:20260924
            SUMMARY:National Day
            END:VEVENT
            BEGIN:VEVENT
            UID:founding-day@test
            DTSTAMP:20260101T000000Z
            DTSTART;VALUE=DATE:20270222
            DTEND;VALUE=DATE:20270223
            SUMMARY:Founding Day
            END:VEVENT
            END:VCALENDAR
            """;
        var imported = (await api.PostAsync($"/api/calendars/{calendarId}/holidays/import", new { icalendar = ics.Replace("\n", "\r\n", StringComparison.Ordinal) }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(["2026-09-23", "2027-02-22"], imported.Node("holidays")!.Items().Select(holiday => holiday.Text("date")));

        var changed = (await api.SendAsync(HttpMethod.Put, $"/api/calendars/{calendarId}", new { name = "Riyadh office", time_zone = "Asia/Riyadh", hours = RiyadhHours("15:00") }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("15:00", changed.Str("hours.sunday.0.end"));

        var audit = (await api.GetAsync($"/api/audit?subject={calendarId}")).Expect(HttpStatusCode.OK);
        Assert.Equal(
            ["calendar:created", "calendar:holidays_imported", "calendar:updated"],
            audit.Node("entries")!.Items().Select(entry => entry.Text("action")).Reverse());

        (await api.SendAsync(HttpMethod.Delete, $"/api/calendars/{calendarId}", null)).Expect(HttpStatusCode.NoContent);
        (await api.GetAsync($"/api/calendars/{calendarId}")).ExpectProblem(HttpStatusCode.NotFound);
        (await api.SendAsync(HttpMethod.Delete, "/api/calendars/24x7", null)).ExpectProblem(HttpStatusCode.Conflict, "standard");
    }

    [Fact]
    public async Task BadCalendarsAndPoliciesAreRefusedNamingTheFieldAndChangeNothing()
    {
        using var api = fixture.CreateApiClient();
        var log = await fixture.EventLogAsync();
        var before = await log.FingerprintAsync();

        async Task RefusedAsync(string path, object body, string field) =>
            (await api.PostAsync(path, body)).ExpectProblem(HttpStatusCode.BadRequest, field);

        var overlapping = new { sunday = new[] { new { start = "08:00", end = "12:00" }, new { start = "11:00", end = "17:00" } } };
        await RefusedAsync("/api/calendars", new { calendar_id = "overlap", name = "x", time_zone = "Asia/Riyadh", hours = overlapping }, "hours.sunday");
        var backwards = new { sunday = new[] { new { start = "17:00", end = "08:00" } } };
        await RefusedAsync("/api/calendars", new { calendar_id = "backwards", name = "x", time_zone = "Asia/Riyadh", hours = backwards }, "hours.sunday[0].end");
        await RefusedAsync("/api/calendars", new { calendar_id = "mars", name = "x", time_zone = "Mars/Olympus", hours = RiyadhHours() }, "time_zone");
        await RefusedAsync("/api/calendars/24x7/holidays/import", new { icalendar = "not a calendar" }, "icalendar");

        object Policy(object targets, object? conditions = null, string calendar = "24x7") =>
            new { policy_id = "refused", name = "x", position = 7, calendar_id = calendar, conditions, targets };
        var good = new { urgent = new { first_response = new { minutes = 30, business_time = false } } };
        await RefusedAsync("/api/sla-policies", Policy(new { urgent = new { first_response = new { minutes = 0, business_time = false } } }), "targets.urgent.first_response.minutes");
        await RefusedAsync("/api/sla-policies", Policy(new { urgent = new { first_response = new { minutes = -3, business_time = false } } }), "targets.urgent.first_response.minutes");
        await RefusedAsync("/api/sla-policies", Policy(good, new { department = "space" }), "conditions.department");
        await RefusedAsync("/api/sla-policies", Policy(good, calendar: "no-such-calendar"), "calendar_id");
        await RefusedAsync("/api/sla-policies", Policy(good, new { customer_id = "CUST-999999999" }), "conditions.customer_id");
        await RefusedAsync("/api/sla-policies", new { policy_id = "refused", name = "x", position = 1000, calendar_id = "24x7", targets = good }, "position");

        using var supervisor = await FloorKeys.ClientAsync(fixture, "supervisor");
        (await supervisor.PostAsync("/api/sla-policies", Policy(good))).ExpectProblem(HttpStatusCode.Forbidden);
        (await supervisor.GetAsync("/api/sla-policies")).Expect(HttpStatusCode.OK);

        Assert.Equal(before, await log.FingerprintAsync());
    }

    [Fact]
    public async Task RepliesCustomerUpdatesAndWaitingMoveTheTicketsClocks()
    {
        using var api = fixture.CreateApiClient();
        var ticket = (await api.PostAsync("/api/tickets", new { customer_name = "Clock Customer", subject = "Refund", priority = "medium" })).Expect(HttpStatusCode.OK);
        var ticketId = ticket.Str("ticket_id");
        Assert.Equal("standard", ticket.Str("ticket.sla.policy_id"));
        Assert.Equal("first_response", ticket.Str("ticket.sla.next_target"));
        Assert.Equal(["first_response", "resolution"], Targets(ticket.Node("ticket.sla")).Keys);

        var replied = (await api.PatchAsync($"/api/tickets/{ticketId}", new { reply = "We are on it." })).Expect(HttpStatusCode.OK);
        Assert.Equal("achieved", Targets(replied.Node("ticket.sla"))["first_response"]);
        Assert.Contains(replied.Node("ticket.history")!.Items(), entry => entry.Text("action") == "reply");

        var updated = (await api.PatchAsync($"/api/tickets/{ticketId}", new { customer_update = "Any news?" })).Expect(HttpStatusCode.OK);
        Assert.Equal("active", Targets(updated.Node("ticket.sla"))["next_response"]);

        var waiting = (await api.PatchAsync($"/api/tickets/{ticketId}", new { status = "pending" })).Expect(HttpStatusCode.OK);
        Assert.Equal("paused", Targets(waiting.Node("ticket.sla"))["resolution"]);
        Assert.Equal("paused", Targets(waiting.Node("ticket.sla"))["next_response"]);

        var answered = (await api.PatchAsync($"/api/tickets/{ticketId}", new { customer_update = "Here is the receipt." })).Expect(HttpStatusCode.OK);
        Assert.Equal("open", answered.Str("ticket.status"));
        Assert.Equal("active", Targets(answered.Node("ticket.sla"))["resolution"]);

        var resolved = (await api.PatchAsync($"/api/tickets/{ticketId}", new { status = "resolved" })).Expect(HttpStatusCode.OK);
        Assert.All(Targets(resolved.Node("ticket.sla")).Values, status => Assert.Equal("achieved", status));

        var read = (await api.GetAsync($"/api/tickets/{ticketId}")).Expect(HttpStatusCode.OK);
        var timeline = read.Node("sla.timeline")!.Items().Select(entry => $"{entry.Text("kind")}:{entry.Text("what")}").ToList();
        Assert.Equal(
            ["first_response:started", "resolution:started", "first_response:achieved", "next_response:started", "resolution:paused",
             "next_response:paused", "next_response:started", "resolution:resumed", "next_response:achieved", "resolution:achieved"],
            timeline);

        (await api.PatchAsync($"/api/tickets/{ticketId}", new { reply = "a", customer_update = "b" })).ExpectProblem(HttpStatusCode.BadRequest, "customer_update");
    }

    [Fact]
    public async Task TheListFiltersBreachedAndBreachingSoonAndSortsByTheNextDeadline()
    {
        using var api = fixture.CreateApiClient();
        var ids = new List<string>();
        var phone = ApiClient.NewSaudiMobile();
        string? customerId = null;
        foreach (var priority in new[] { "low", "urgent", "medium" })
        {
            var created = (await api.PostAsync("/api/tickets", new { customer_name = "List Customer", customer_phone = phone, subject = "Sorting", priority }))
                .Expect(HttpStatusCode.OK);
            ids.Add(created.Str("ticket_id"));
            customerId = created.Str("ticket.customer_id");
        }

        // Planted, as a missed deadline and a warning would leave them, without waiting hours for either.
        await using (var connection = new NpgsqlConnection(await fixture.DatabaseConnectionStringAsync()))
        {
            await connection.OpenAsync();
            await using var plant = new NpgsqlCommand(
                """
                UPDATE ticket_sla_targets SET status = 'breached', breached_at = due_at, fire_at = NULL WHERE ticket_id = @breached AND kind = 'first_response';
                UPDATE ticket_sla_targets SET warn_at = now() - interval '1 minute', warned_at = now(), fire_at = due_at WHERE ticket_id = @soon AND kind = 'first_response';
                """,
                connection);
            plant.Parameters.AddWithValue("breached", ids[0]);
            plant.Parameters.AddWithValue("soon", ids[2]);
            await plant.ExecuteNonQueryAsync();
        }

        var breached = (await api.GetAsync($"/api/tickets?sla_status=breached&customer_id={customerId}")).Expect(HttpStatusCode.OK);
        Assert.Contains(ids[0], TicketIds(breached));
        Assert.DoesNotContain(ids[1], TicketIds(breached));
        Assert.Equal("breached", breached.Node("tickets")!.Items().First(t => t.Text("ticket_id") == ids[0])["sla"].Text("status"));

        var soon = (await api.GetAsync($"/api/tickets?sla_status=breaching_soon&customer_id={customerId}")).Expect(HttpStatusCode.OK);
        Assert.Contains(ids[2], TicketIds(soon));
        Assert.DoesNotContain(ids[1], TicketIds(soon));

        var sorted = (await api.GetAsync($"/api/tickets?sort=sla_due&customer_id={customerId}")).Expect(HttpStatusCode.OK);
        // Urgent's first response is due in an hour, medium's in eight; low's was missed, so its resolution (a week) is next.
        Assert.Equal([ids[1], ids[2], ids[0]], TicketIds(sorted));
        var dues = sorted.Node("tickets")!.Items().Select(t => t["sla"]!["next_due_at"]!.GetValue<DateTime>()).ToList();
        Assert.Equal(dues.Order(), dues);

        (await api.GetAsync("/api/tickets?sla_status=late")).ExpectProblem(HttpStatusCode.BadRequest, "sla_status");
    }

    /// <summary>
    /// Replicas keep the parsed SLA catalog in memory between ticket pages: a policy changed through one replica is
    /// what the very next page shows on either, each time it changes.
    /// </summary>
    [Fact]
    public async Task APolicyChangedOnOneReplicaNamesTheNextTicketPageOnEvery()
    {
        using var api = fixture.CreateApiClient();
        var phone = ApiClient.NewSaudiMobile();
        var customerId = (await api.PostAsync("/api/tickets", new { customer_name = "Catalog Customer", customer_phone = phone, subject = "First" }))
            .Expect(HttpStatusCode.OK).Str("ticket.customer_id");
        var policyId = $"catalog-{Guid.NewGuid():N}"[..20];
        var position = Random.Shared.Next(1, 400);
        Dictionary<string, object?> Policy(string name) => new()
        {
            ["name"] = name,
            ["position"] = position,
            ["conditions"] = new { customer_id = customerId },
            ["calendar_id"] = "24x7",
            ["targets"] = new { medium = new { first_response = new { minutes = 90, business_time = false } } },
        };
        var (first, second) = await ReplicaClients.PairAsync(fixture, TestSecrets.AdminApiKey);
        using var one = new ApiClient(first);
        using var other = new ApiClient(second);
        (await one.PostAsync("/api/sla-policies", new Dictionary<string, object?>(Policy("Named 0")) { ["policy_id"] = policyId })).Expect(HttpStatusCode.Created);

        // The policy stays: it names this test's customer alone, and a policy an open ticket follows is not deleted.
        var ticketId = (await api.PostAsync("/api/tickets", new { customer_name = "Catalog Customer", customer_phone = phone, subject = "Second", priority = "medium" }))
            .Expect(HttpStatusCode.OK).Str("ticket_id");
        for (var round = 1; round <= 3; round++)
        {
            var name = $"Named {round}";
            (await (round % 2 == 0 ? other : one).SendAsync(HttpMethod.Put, $"/api/sla-policies/{policyId}", Policy(name))).Expect(HttpStatusCode.OK);
            foreach (var replica in new[] { one, other })
            {
                var page = (await replica.GetAsync($"/api/tickets?customer_id={customerId}")).Expect(HttpStatusCode.OK);
                var ticket = page.Node("tickets")!.Items().Single(t => t.Text("ticket_id") == ticketId);
                Assert.Equal(name, ticket["sla"].Text("policy_name"));
            }
        }
    }

    private static Dictionary<string, string> Targets(System.Text.Json.Nodes.JsonNode? sla) =>
        sla!["targets"].Items().ToDictionary(target => target.Text("kind"), target => target.Text("status"));

    /// <summary>
    /// The next-deadline order pages through the tickets with a running target first, then the rest newest first,
    /// and a page that spans the two takes the rest from where the timed ones end.
    /// </summary>
    [Fact]
    public async Task TheNextDeadlineOrderPagesThroughTimedTicketsThenTheRestNewestFirst()
    {
        using var api = fixture.CreateApiClient();
        var phone = ApiClient.NewSaudiMobile();
        var created = new Dictionary<string, string>();
        foreach (var (name, priority) in new[] { ("untimed old", "low"), ("urgent", "urgent"), ("untimed new", "low"), ("medium", "medium") })
        {
            created[name] = (await api.PostAsync("/api/tickets", new { customer_name = "Deadline Customer", customer_phone = phone, subject = name, priority }))
                .Expect(HttpStatusCode.OK).Str("ticket_id");
        }

        var customerId = (await api.GetAsync($"/api/tickets/{created["urgent"]}")).Expect(HttpStatusCode.OK).Str("customer_id");
        // As tickets whose every target was met would be: none running.
        await using (var connection = new NpgsqlConnection(await fixture.DatabaseConnectionStringAsync()))
        {
            await connection.OpenAsync();
            await using var plant = new NpgsqlCommand(
                "UPDATE ticket_sla_targets SET status = 'achieved', achieved_at = now(), fire_at = NULL WHERE ticket_id = ANY(@untimed)", connection);
            plant.Parameters.AddWithValue("untimed", new[] { created["untimed old"], created["untimed new"] });
            await plant.ExecuteNonQueryAsync();
        }

        async Task<IReadOnlyList<string>> PageAsync(int limit, int offset)
        {
            var page = (await api.GetAsync($"/api/tickets?sort=sla_due&customer_id={customerId}&limit={limit}&offset={offset}")).Expect(HttpStatusCode.OK);
            Assert.Equal(4, page.Json["total"]!.GetValue<int>());
            return TicketIds(page);
        }

        string[] order = [created["urgent"], created["medium"], created["untimed new"], created["untimed old"]];
        Assert.Equal(order, await PageAsync(50, 0));
        for (var offset = 0; offset < 4; offset++)
        {
            Assert.Equal([order[offset]], await PageAsync(1, offset));
        }

        Assert.Equal(order[1..], await PageAsync(3, 1));
        Assert.Equal(order[2..], await PageAsync(2, 2));
        Assert.Empty(await PageAsync(2, 4));
    }

    private static IReadOnlyList<string> TicketIds(ApiResponse page) => [.. page.Node("tickets")!.Items().Select(t => t.Text("ticket_id"))];
}
