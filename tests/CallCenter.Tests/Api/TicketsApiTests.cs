using System.Net;
using System.Text.Json.Nodes;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

[Collection(CallCenterCollection.Name)]
public sealed class TicketsApiTests(CallCenterFixture fixture)
{
    private static string NewTicketQuery(string phone, string priority = "high", string department = "complaints") =>
        $"/api/tickets?customer_name=Ahmed%20Mohamed&customer_phone={Uri.EscapeDataString(phone)}&subject=Delivery%20Issue&description=Package%20not%20received&priority={priority}&department={department}";

    [Fact]
    public async Task CreateTicketNumbersItForTodayAndLinksTheCustomer()
    {
        using var api = fixture.CreateApiClient();
        var phone = ApiClient.NewSaudiMobile();

        var created = (await api.PostAsync(NewTicketQuery(phone))).Expect(HttpStatusCode.OK);

        Assert.True(created.Json["success"]!.GetValue<bool>());
        Assert.Matches($"^TKT-{DateTime.UtcNow:yyyyMMdd}-[0-9]{{4,}}$", created.Str("ticket_id"));
        Assert.Equal("open", created.Str("ticket.status"));
        Assert.Equal("high", created.Str("ticket.priority"));
        Assert.Equal("complaints", created.Str("ticket.department"));
        Assert.Equal(phone, created.Str("ticket.customer_phone"));
        var customer = (await api.GetAsync($"/api/customers/{created.Str("ticket.customer_id")}")).Expect(HttpStatusCode.OK);
        Assert.Contains(created.Str("ticket_id"), customer.Json["tickets"].Items().Select(t => t.Text("ticket_id")));
    }

    [Fact]
    public async Task ListTicketsFiltersByStatusPriorityDepartmentAndAssignee()
    {
        using var api = fixture.CreateApiClient();
        var id = (await api.PostAsync(NewTicketQuery(ApiClient.NewSaudiMobile(), "low", "sales") + "&assigned_to=AGT-004")).Expect(HttpStatusCode.OK).Str("ticket_id");

        var matching = (await api.GetAsync("/api/tickets?status=open&priority=low&department=sales&assigned_to=AGT-004&limit=200")).Expect(HttpStatusCode.OK);
        var other = (await api.GetAsync("/api/tickets?priority=urgent&limit=200")).Expect(HttpStatusCode.OK);

        Assert.Contains(id, matching.Json["tickets"].Items().Select(t => t.Text("ticket_id")));
        Assert.All(matching.Json["tickets"].Items(), t =>
        {
            Assert.Equal("open", t.Text("status"));
            Assert.Equal("low", t.Text("priority"));
            Assert.Equal("sales", t.Text("department"));
            Assert.Equal("AGT-004", t.Text("assigned_to"));
        });
        Assert.DoesNotContain(id, other.Json["tickets"].Items().Select(t => t.Text("ticket_id")));
    }

    [Fact]
    public async Task ListTicketsPagesWithTotal()
    {
        using var api = fixture.CreateApiClient();
        for (var i = 0; i < 3; i++)
        {
            (await api.PostAsync(NewTicketQuery(ApiClient.NewSaudiMobile()))).Expect(HttpStatusCode.OK);
        }

        var first = (await api.GetAsync("/api/tickets?limit=2&offset=0")).Expect(HttpStatusCode.OK);
        var second = (await api.GetAsync("/api/tickets?limit=2&offset=2")).Expect(HttpStatusCode.OK);

        Assert.Equal(2, first.Json["tickets"].Items().Count);
        Assert.True(first.Json.Value<int>("total") >= 3);
        Assert.Empty(first.Json["tickets"].Items().Select(t => t.Text("ticket_id")).Intersect(second.Json["tickets"].Items().Select(t => t.Text("ticket_id"))));
    }

    [Fact]
    public async Task UpdateTicketAppendsNotesWithAuthorAndTimeNeverOverwriting()
    {
        using var api = fixture.CreateApiClient();
        var id = (await api.PostAsync(NewTicketQuery(ApiClient.NewSaudiMobile()))).Expect(HttpStatusCode.OK).Str("ticket_id");

        (await api.PatchAsync($"/api/tickets/{id}?notes=Called%20the%20courier")).Expect(HttpStatusCode.OK);
        var resolved = (await api.PatchAsync($"/api/tickets/{id}?status=resolved&notes=Issue%20resolved")).Expect(HttpStatusCode.OK);
        (await api.PatchAsync($"/api/tickets/{id}?assigned_to=AGT-002&priority=urgent")).Expect(HttpStatusCode.OK);
        var ticket = (await api.GetAsync($"/api/tickets/{id}")).Expect(HttpStatusCode.OK);

        Assert.Equal("resolved", resolved.Str("ticket.status"));
        Assert.NotNull(resolved.Node("ticket.resolved_at"));
        Assert.Equal("urgent", ticket.Str("priority"));
        Assert.Equal("AGT-002", ticket.Str("assigned_to"));
        var notes = ticket.Json["history"].Items().Where(h => h.Text("action") == "note").ToList();
        Assert.Equal(["Called the courier", "Issue resolved"], notes.Select(n => n.Text("note")));
        Assert.All(notes, n => Assert.False(string.IsNullOrEmpty(n.Text("author"))));
        Assert.All(notes, n => Assert.NotNull(n["at"]));
        Assert.Contains(ticket.Json["history"].Items(), h => h["field"]?.GetValue<string>() == "status" && h.Text("to_value") == "resolved");
    }

    [Theory]
    [InlineData("/api/tickets?customer_name=A&subject=S&priority=whenever", "priority")]
    [InlineData("/api/tickets?customer_name=A&subject=S&department=nowhere", "department")]
    [InlineData("/api/tickets?customer_name=A&subject=S&customer_phone=12", "customer_phone")]
    [InlineData("/api/tickets?customer_name=A&subject=S&assigned_to=AGT-999", "assigned_to")]
    [InlineData("/api/tickets?customer_name=A&subject=S&call_id=CALL-00000000", "call_id")]
    [InlineData("/api/tickets?subject=S", "customer_name")]
    [InlineData("/api/tickets?customer_name=A", "subject")]
    public async Task CreateTicketBadInputIsBadRequestAndWritesNothing(string path, string field)
    {
        using var api = fixture.CreateApiClient();
        var log = await fixture.EventLogAsync();
        var before = await log.FingerprintAsync();

        (await api.PostAsync(path)).ExpectProblem(HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await log.FingerprintAsync());
    }

    [Fact]
    public async Task CreateTicketOverLongSubjectIsBadRequest()
    {
        using var api = fixture.CreateApiClient();

        (await api.PostAsync($"/api/tickets?customer_name=A&subject={new string('x', 201)}")).ExpectProblem(HttpStatusCode.BadRequest, "subject");
    }

    [Fact]
    public async Task UpdateTicketWithNothingOrUnknownIdIsRefused()
    {
        using var api = fixture.CreateApiClient();
        var id = (await api.PostAsync(NewTicketQuery(ApiClient.NewSaudiMobile()))).Expect(HttpStatusCode.OK).Str("ticket_id");

        (await api.PatchAsync($"/api/tickets/{id}")).ExpectProblem(HttpStatusCode.BadRequest, "status");
        (await api.PatchAsync($"/api/tickets/{id}?assigned_to=AGT-999")).ExpectProblem(HttpStatusCode.BadRequest, "assigned_to");
        (await api.PatchAsync("/api/tickets/TKT-19990101-0001?status=resolved")).ExpectProblem(HttpStatusCode.NotFound, "TKT-19990101-0001");
        (await api.GetAsync("/api/tickets/TKT-19990101-0001")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ClosedTicketTakesNotesButNoOtherChangeUntilReopened()
    {
        using var api = fixture.CreateApiClient();
        var id = (await api.PostAsync(NewTicketQuery(ApiClient.NewSaudiMobile()))).Expect(HttpStatusCode.OK).Str("ticket_id");
        (await api.PatchAsync($"/api/tickets/{id}?status=closed")).Expect(HttpStatusCode.OK);

        var closed = (await api.GetAsync($"/api/tickets/{id}")).Expect(HttpStatusCode.OK);
        var otherPriority = closed.Str("priority") == "low" ? "high" : "low";
        (await api.PatchAsync($"/api/tickets/{id}?priority={otherPriority}")).ExpectProblem(HttpStatusCode.Conflict, "closed");
        (await api.PatchAsync($"/api/tickets/{id}?notes=Customer%20called%20back")).Expect(HttpStatusCode.OK);
        // A note sent with the fields as they already are (as a form sends them) is a note, not a change.
        var noted = (await api.PatchAsync($"/api/tickets/{id}?notes=Again&priority={closed.Str("priority")}&department={closed.Str("department")}"))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("closed", noted.Str("ticket.status"));
        Assert.Equal(closed.Str("priority"), noted.Str("ticket.priority"));
        var reopened = (await api.PatchAsync($"/api/tickets/{id}?status=open&priority=low")).Expect(HttpStatusCode.OK);

        Assert.Equal("open", reopened.Str("ticket.status"));
        Assert.Null(reopened.Node("ticket.resolved_at"));
    }

    /// <summary>
    /// A change's answer is put together from what the change read under the ticket's lock and what it wrote, the
    /// row and SLA writes going with the commit: it must be what the ticket then reads as.
    /// </summary>
    [Fact]
    public async Task UpdateTicketAnswersWithTheTicketAsStored()
    {
        using var api = fixture.CreateApiClient();
        var id = (await api.PostAsync(NewTicketQuery(ApiClient.NewSaudiMobile(), "urgent"))).Expect(HttpStatusCode.OK).Str("ticket_id");
        (await api.PatchAsync($"/api/tickets/{id}?notes=First%20look")).Expect(HttpStatusCode.OK);

        var updated = (await api.PatchAsync($"/api/tickets/{id}?status=in_progress&priority=low&assigned_to=AGT-002&notes=Second%20look")).Expect(HttpStatusCode.OK);
        var stored = (await api.GetAsync($"/api/tickets/{id}")).Expect(HttpStatusCode.OK);

        Assert.Equal(stored.Json["history"]!.ToJsonString(), updated.Node("ticket.history")!.ToJsonString());
        Assert.Equal(
            ["created", "note", "changed", "changed", "changed", "note"],
            updated.Node("ticket.history").Items().Select(entry => entry.Text("action")));
        foreach (var field in new[] { "status", "priority", "assigned_to", "department", "updated_at", "resolved_at" })
        {
            Assert.Equal(stored.Json[field]?.ToJsonString(), updated.Node($"ticket.{field}")?.ToJsonString());
        }

        Assert.Equal("low", stored.Str("priority"));
        Assert.Equal(stored.Str("sla.policy_id"), updated.Str("ticket.sla.policy_id"));
        // Minutes used and left are counted as of each answer; what was stored is the rest.
        static IEnumerable<string> Stored(JsonNode? targets) => targets.Items().Select(target =>
            string.Join('|', new[] { "kind", "status", "target_minutes", "started_at", "due_at", "warn_at" }.Select(name => target[name]?.ToJsonString())));
        Assert.Equal(Stored(stored.Json["sla"]!["targets"]), Stored(updated.Node("ticket.sla.targets")));
        Assert.NotEmpty(Stored(stored.Json["sla"]!["targets"]));
    }

    [Fact]
    public async Task UpdateTicketAcceptsJsonBody()
    {
        using var api = fixture.CreateApiClient();
        var id = (await api.PostAsync("/api/tickets", new { customer_name = "Json", subject = "From a body", priority = "urgent" })).Expect(HttpStatusCode.OK).Str("ticket_id");

        var updated = (await api.PatchAsync($"/api/tickets/{id}", new { status = "in_progress", notes = "Working on it" })).Expect(HttpStatusCode.OK);

        Assert.Equal("in_progress", updated.Str("ticket.status"));
        Assert.Equal("urgent", updated.Str("ticket.priority"));
        Assert.Equal("support", updated.Str("ticket.department"));
    }
}
