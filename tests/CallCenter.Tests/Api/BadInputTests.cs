using System.Net;
using CallCenter.Tests.Infrastructure;
using CsCheck;

namespace CallCenter.Tests.Api;

/// <summary>
/// Generated bad input, one bad field at a time among otherwise valid requests: every answer is a 4xx
/// ProblemDetails and nothing in the database changes.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class BadInputTests(CallCenterFixture fixture)
{
    private sealed record Endpoint(string Method, string Path, string ValidQuery, string[] Fields);

    private sealed record Probe(Endpoint Endpoint, string Field, string Value);

    private static readonly string[] ValidWords =
        ["initiated", "queued", "ringing", "in_progress", "on_hold", "ended", "abandoned", "low", "medium", "high", "urgent",
         "sales", "support", "complaints", "billing", "available", "busy", "on_break", "offline", "open", "pending",
         "resolved", "closed", "bot", "customer", "agent", "system", "ar", "en"];

    private static readonly Gen<string> Word = Gen.String[Gen.Char.AlphaNumeric, 1, 20]
        .Where(word => !ValidWords.Contains(word));

    private static readonly Gen<string> Hostile = Gen.OneOf(
        "'; DROP TABLE calls; --", "<script>alert(1)</script>", "\u0000", "%00", "../../etc/passwd", "{{7*7}}", "\u202e", "NaN", "-1", "  ");

    private static readonly Gen<string> Overlong = Gen.Int[4001, 9000].Select(length => new string('x', length));

    private static readonly Gen<string> BadNumber = Gen.OneOf(
        Gen.Int[int.MinValue, 0].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Int[201, int.MaxValue].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Word.Where(word => !int.TryParse(word, out _)));

    private static readonly Gen<string> BadPhone = Gen.OneOf(
        Gen.Int[0, 999].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Const(new string('5', 40)),
        Hostile.Where(text => !string.IsNullOrWhiteSpace(text) && text != "-1"));

    private static Gen<string> ValueFor(string field) => field switch
    {
        "limit" => BadNumber,
        "offset" => Gen.OneOf(Gen.Int[int.MinValue, -1].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), Word.Where(word => !int.TryParse(word, out _))),
        "phone_number" or "customer_phone" => BadPhone,
        "customer_name" or "subject" or "description" or "content" or "notes" or "search" => Overlong,
        "{id}" => Gen.OneOf(Word, Hostile.Where(text => text.Trim('.', '/').Length > 0 && !text.Contains('/'))),
        _ => Gen.OneOf(Word, Hostile),
    };

    [Fact]
    public async Task GeneratedBadInputGetsProblemDetailsAndChangesNothing()
    {
        using var api = fixture.CreateApiClient();
        var log = await fixture.EventLogAsync();
        var call = (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}")).Expect(HttpStatusCode.OK).Str("call_id");
        (await api.PostAsync($"/api/calls/{call}/status?status=in_progress")).Expect(HttpStatusCode.OK);
        var ticket = (await api.PostAsync("/api/tickets?customer_name=Probe&subject=Probe")).Expect(HttpStatusCode.OK).Str("ticket_id");

        Endpoint[] endpoints =
        [
            new("POST", "/api/calls", "phone_number=%2B966501234567", ["phone_number", "customer_name", "priority"]),
            new("GET", "/api/calls", "", ["status", "limit", "offset"]),
            new("POST", $"/api/calls/{call}/status", "status=on_hold", ["status", "agent_id"]),
            new("POST", $"/api/calls/{call}/route", "department=sales", ["department", "priority"]),
            new("POST", $"/api/calls/{call}/transfer", "target_department=sales", ["target_department", "agent_id"]),
            new("POST", "/api/tickets", "customer_name=A&subject=B", ["customer_phone", "priority", "department", "subject", "customer_name", "description", "assigned_to", "call_id"]),
            new("GET", "/api/tickets", "", ["status", "priority", "limit", "offset"]),
            new("PATCH", $"/api/tickets/{ticket}", "notes=ok", ["status", "priority", "assigned_to", "department", "notes"]),
            new("GET", "/api/agents", "", ["status", "limit", "offset"]),
            new("PATCH", "/api/agents/AGT-001/status", "status=available", ["status"]),
            new("POST", $"/api/transcripts/{call}/messages", "speaker=bot&content=hi", ["speaker", "language", "content"]),
            new("GET", "/api/customers", "", ["limit", "offset", "search"]),
            new("GET", "/api/calls/{id}", "", ["{id}"]),
            new("POST", "/api/calls/{id}/end", "", ["{id}"]),
            new("PATCH", "/api/tickets/{id}", "notes=x", ["{id}"]),
            new("GET", "/api/customers/{id}", "", ["{id}"]),
            new("PATCH", "/api/agents/{id}/status", "status=busy", ["{id}"]),
            new("GET", "/api/transcripts/{id}", "", ["{id}"]),
        ];

        var probes =
            from endpoint in Gen.OneOf(endpoints)
            from field in Gen.OneOf(endpoint.Fields)
            from value in ValueFor(field)
            select new Probe(endpoint, field, value);

        var served = 0;
        await probes.SampleAsync(async probe =>
        {
            var before = await log.FingerprintAsync();
            var others = probe.Endpoint.ValidQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(pair => !pair.StartsWith(probe.Field + "=", StringComparison.Ordinal));
            var inPath = probe.Field == "{id}";
            var path = inPath ? probe.Endpoint.Path.Replace("{id}", Uri.EscapeDataString(probe.Value), StringComparison.Ordinal) : probe.Endpoint.Path;
            var query = string.Join('&', inPath ? others : others.Append($"{probe.Field}={Uri.EscapeDataString(probe.Value)}"));

            var response = await api.SendAsync(new HttpMethod(probe.Endpoint.Method), $"{path}?{query}", null);

            Assert.True((int)response.Status is >= 400 and < 500, $"{probe} answered {(int)response.Status}: {response.Text}");
            // Kestrel itself refuses a NUL in the request target, before any of our code runs, with a bare 400.
            if (!(inPath && probe.Value.Contains('\0', StringComparison.Ordinal)))
            {
                Assert.Equal("application/problem+json", response.MediaType);
                Assert.NotNull(response.ServedBy);
            }
            Assert.Equal(before, await log.FingerprintAsync());
            Interlocked.Increment(ref served);
        }, iter: 300, threads: 1);

        Assert.Equal(300, served);
    }
}
