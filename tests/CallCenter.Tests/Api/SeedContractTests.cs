using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

/// <summary>The seed guide's own curl lines, in its order, against one call and one ticket we create.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class SeedContractTests(CallCenterFixture fixture)
{
    [Fact]
    public async Task SeedExamplesAnswerAsTheSeedShows()
    {
        using var api = fixture.CreateApiClient();

        var call = (await api.PostAsync("/api/calls?phone_number=+966501234567&customer_name=John%20Doe")).Expect(HttpStatusCode.OK).Str("call_id");
        (await api.GetAsync("/api/calls")).Expect(HttpStatusCode.OK);
        (await api.GetAsync("/api/calls?status=in_progress")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/calls/{call}/status?status=in_progress")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/calls/{call}/route?department=sales")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/calls/{call}/transfer?target_department=complaints&agent_id=AGT-003")).Expect(HttpStatusCode.OK);
        (await api.GetAsync("/api/calls/queue")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/transcripts/{call}/messages?speaker=bot&content=Welcome%20to%20customer%20support&language=en")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/transcripts/{call}/messages?speaker=customer&content=Hello%20I%20have%20a%20problem&language=ar")).Expect(HttpStatusCode.OK);
        var transcript = (await api.GetAsync($"/api/transcripts/{call}")).Expect(HttpStatusCode.OK);
        var ended = (await api.PostAsync($"/api/calls/{call}/end")).Expect(HttpStatusCode.OK);

        var ticket = (await api.PostAsync("/api/tickets?customer_name=Ahmed%20Mohamed&customer_phone=%2B966501234567&subject=Delivery%20Issue&description=Package%20not%20received&priority=high&department=complaints"))
            .Expect(HttpStatusCode.OK).Str("ticket_id");
        (await api.GetAsync("/api/tickets")).Expect(HttpStatusCode.OK);
        (await api.GetAsync("/api/tickets?status=open&priority=high")).Expect(HttpStatusCode.OK);
        (await api.GetAsync("/api/tickets?department=complaints")).Expect(HttpStatusCode.OK);
        (await api.GetAsync($"/api/tickets/{ticket}")).Expect(HttpStatusCode.OK);
        (await api.GetAsync("/api/tickets/TKT-20241108-0001")).Expect(HttpStatusCode.OK);
        (await api.PatchAsync($"/api/tickets/{ticket}?status=resolved&notes=Issue%20resolved")).Expect(HttpStatusCode.OK);
        (await api.PatchAsync($"/api/tickets/{ticket}?assigned_to=AGT-002&priority=urgent")).Expect(HttpStatusCode.OK);
        (await api.GetAsync("/api/customers")).Expect(HttpStatusCode.OK);
        (await api.GetAsync("/api/customers/CUST-001")).Expect(HttpStatusCode.OK);
        (await api.GetAsync("/api/agents")).Expect(HttpStatusCode.OK);
        (await api.GetAsync("/api/agents?status=available")).Expect(HttpStatusCode.OK);
        (await api.GetAsync("/api/agents/AGT-001")).Expect(HttpStatusCode.OK);
        (await api.PatchAsync("/api/agents/AGT-001/status?status=busy")).Expect(HttpStatusCode.OK);
        (await api.PatchAsync("/api/agents/AGT-001/status?status=on_break")).Expect(HttpStatusCode.OK);
        (await api.PatchAsync("/api/agents/AGT-001/status?status=available")).Expect(HttpStatusCode.OK);
        (await api.GetAsync("/health")).Expect(HttpStatusCode.OK);

        Assert.Equal(2, transcript.Json["messages"].Items().Count);
        Assert.Equal("ended", ended.Str("call.status"));
    }

    [Fact]
    public async Task OpenApiDocumentDescribesEveryEndpointWithItsParameters()
    {
        using var api = fixture.CreateApiClient();

        var document = (await api.GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK).Json;

        (string Path, string Method, string[] Parameters)[] expected =
        [
            ("/api/calls", "post", ["phone_number", "customer_name"]),
            ("/api/calls", "get", ["status", "limit", "offset"]),
            ("/api/calls/queue", "get", ["department"]),
            ("/api/calls/{callId}", "get", ["callId"]),
            ("/api/calls/{callId}/status", "post", ["status"]),
            ("/api/calls/{callId}/route", "post", ["department"]),
            ("/api/calls/{callId}/transfer", "post", ["target_department", "agent_id"]),
            ("/api/calls/{callId}/end", "post", ["callId"]),
            ("/api/tickets", "post", ["customer_name", "customer_phone", "subject", "description", "priority", "department"]),
            ("/api/tickets", "get", ["status", "priority", "department", "assigned_to", "customer_id"]),
            ("/api/tickets/{ticketId}", "get", ["ticketId"]),
            ("/api/tickets/{ticketId}", "patch", ["status", "notes", "assigned_to", "priority"]),
            ("/api/customers", "get", ["limit", "offset"]),
            ("/api/customers/{customerId}", "get", ["customerId"]),
            ("/api/agents", "get", ["status"]),
            ("/api/agents/{agentId}", "get", ["agentId"]),
            ("/api/agents/{agentId}/status", "patch", ["status"]),
            ("/api/transcripts/{callId}", "get", ["callId"]),
            ("/api/transcripts/{callId}/messages", "post", ["speaker", "content", "language"]),
        ];
        foreach (var (path, method, parameters) in expected)
        {
            var operation = document["paths"]?[path]?[method];
            Assert.True(operation is not null, $"{method} {path} is missing from the OpenAPI document");
            var names = operation["parameters"].Items().Select(p => p.Text("name")).ToList();
            Assert.All(parameters, name => Assert.Contains(name, names));
            Assert.NotNull(operation["responses"]?["200"]);
            if (method != "get")
            {
                Assert.NotNull(operation["responses"]?["400"]);
            }
        }

        // Lists answered from a shared read (serialised once for everyone who asked) still document what they answer.
        foreach (var (path, schema) in new[] { ("/api/tickets", "TicketList"), ("/api/agents", "AgentList"), ("/api/calls/queue", "CallQueue") })
        {
            var answer = document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
            Assert.EndsWith($"/{schema}", answer["$ref"]!.GetValue<string>());
        }

        var statusParameter = document["paths"]!["/api/agents/{agentId}/status"]!["patch"]!["parameters"].Items().Single(p => p.Text("name") == "status");
        Assert.Equal(["available", "busy", "on_break", "offline"], statusParameter["schema"]!["enum"].Items().Select(v => v.GetValue<string>()));
    }
}
