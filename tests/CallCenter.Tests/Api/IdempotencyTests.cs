using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CallCenter.ApiService.Idempotency;
using CallCenter.ApiService.Security;
using CallCenter.Tests.Infrastructure;
using CallCenter.Tests.Security;
using Npgsql;

namespace CallCenter.Tests.Api;

/// <summary>
/// Idempotency-Key on the real app: a blind retry, through either replica, never does a write twice and gets the
/// first answer again; the states a dead replica can leave behind are planted in PostgreSQL to show what a retry gets.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class IdempotencyTests(CallCenterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartCallRacingThroughBothReplicasCreatesOneCallAndBothAnswersAgree()
    {
        var (first, second) = await ReplicaPairAsync();
        using (first)
        using (second)
        {
            for (var round = 0; round < 5; round++)
            {
                var phone = LocalMobile();
                var key = $"\"race-{Guid.NewGuid()}\"";
                var path = $"/api/calls?phone_number={phone}&customer_name=Racing%20Caller";

                var answers = await Task.WhenAll(
                    SendUntilSettledAsync(first, HttpMethod.Post, path, key),
                    SendUntilSettledAsync(second, HttpMethod.Post, path, key));

                Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
                Assert.Equal(answers[0].Text, answers[1].Text);
                Assert.Equal(2, answers.Select(answer => answer.ServedBy).Distinct().Count());
                Assert.Single(answers, answer => answer.Replayed);
                Assert.Equal(1, await CallsFromAsync(E164(phone)));
            }
        }
    }

    [Fact]
    public async Task RepeatAfterTheAnswerReplaysItAndWritesNothing()
    {
        using var api = Client(TestSecrets.AdminApiKey);
        var key = Guid.NewGuid().ToString();
        var path = $"/api/calls?phone_number={LocalMobile()}";
        var log = await fixture.EventLogAsync();

        var original = (await SendAsync(api, HttpMethod.Post, path, key)).Expect(HttpStatusCode.OK);
        var written = await log.LastIdAsync();
        var replayed = (await SendAsync(api, HttpMethod.Post, path, key, newConnection: true)).Expect(HttpStatusCode.OK);

        Assert.False(original.Replayed);
        Assert.True(replayed.Replayed);
        Assert.Equal(original.Text, replayed.Text);
        Assert.Equal("application/json", replayed.MediaType);
        Assert.Equal(written, await log.LastIdAsync());
    }

    [Fact]
    public async Task SameKeyWithAnotherBodyIs422AndWritesNothing()
    {
        using var api = Client(TestSecrets.AdminApiKey);
        var key = Guid.NewGuid().ToString();
        var other = LocalMobile();
        (await SendAsync(api, HttpMethod.Post, $"/api/calls?phone_number={LocalMobile()}", key)).Expect(HttpStatusCode.OK);

        var reused = await SendAsync(api, HttpMethod.Post, "/api/calls", key, $$"""{"phone_number": "{{other}}"}""");

        reused.ExpectProblem(HttpStatusCode.UnprocessableEntity, IdempotencyKeyHeader.Name);
        Assert.Equal(0, await CallsFromAsync(E164(other)));
    }

    [Fact]
    public async Task SameKeyFromAnotherCallersApiKeyRunsOnItsOwn()
    {
        var integration = await FloorKeys.IssueAsync(fixture, FloorRoles.Integration);
        using var admin = Client(TestSecrets.AdminApiKey);
        using var other = Client(integration.Secret);
        var key = Guid.NewGuid().ToString();
        var phone = LocalMobile();
        var path = $"/api/calls?phone_number={phone}";

        var mine = (await SendAsync(admin, HttpMethod.Post, path, key)).Expect(HttpStatusCode.OK);
        var theirs = (await SendAsync(other, HttpMethod.Post, path, key)).Expect(HttpStatusCode.OK);

        Assert.False(theirs.Replayed);
        Assert.NotEqual(mine.Str("call_id"), theirs.Str("call_id"));
        Assert.Equal(2, await CallsFromAsync(E164(phone)));
    }

    [Fact]
    public async Task PatchTicketWithKeyReplaysTheChangeWithoutAppendingTheNoteAgain()
    {
        using var api = Client(TestSecrets.AdminApiKey);
        var ticket = (await SendAsync(api, HttpMethod.Post, "/api/tickets?customer_name=Idem&subject=Retry", null)).Expect(HttpStatusCode.OK).Str("ticket_id");
        var key = Guid.NewGuid().ToString();
        var path = $"/api/tickets/{ticket}";
        const string Body = """{"status": "in_progress", "notes": "Called back once"}""";
        var log = await fixture.EventLogAsync();

        var changed = (await SendAsync(api, HttpMethod.Patch, path, key, Body)).Expect(HttpStatusCode.OK);
        var written = await log.LastIdAsync();
        var replayed = (await SendAsync(api, HttpMethod.Patch, path, key, Body, newConnection: true)).Expect(HttpStatusCode.OK);

        Assert.True(replayed.Replayed);
        Assert.Equal(changed.Text, replayed.Text);
        Assert.Equal(written, await log.LastIdAsync());
    }

    /// <summary>
    /// A ticket change runs alongside its key's claim and its commit waits for the claim: the same change racing through
    /// both replicas (the loser may hold the ticket's row lock first) appends its note once, and both get one answer.
    /// </summary>
    [Fact]
    public async Task PatchTicketRacingThroughBothReplicasAppendsTheNoteOnce()
    {
        var (first, second) = await ReplicaPairAsync();
        using (first)
        using (second)
        {
            for (var round = 0; round < 5; round++)
            {
                var ticket = (await SendAsync(first, HttpMethod.Post, "/api/tickets?customer_name=Racing&subject=Race", null)).Expect(HttpStatusCode.OK).Str("ticket_id");
                var key = $"\"race-{Guid.NewGuid()}\"";
                var path = $"/api/tickets/{ticket}";
                var body = $$"""{"notes": "Raced {{round}}", "priority": "high"}""";

                var answers = await Task.WhenAll(
                    SendUntilSettledAsync(first, HttpMethod.Patch, path, key, body),
                    SendUntilSettledAsync(second, HttpMethod.Patch, path, key, body));
                var stored = (await SendAsync(first, HttpMethod.Get, path, null)).Expect(HttpStatusCode.OK);

                Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
                Assert.Equal(answers[0].Text, answers[1].Text);
                Assert.Equal(2, answers.Select(answer => answer.ServedBy).Distinct().Count());
                Assert.Single(answers, answer => answer.Replayed);
                Assert.Single(stored.Json["history"]!.AsArray(), entry => entry!["action"]!.GetValue<string>() == "note");
            }
        }
    }

    [Fact]
    public async Task RefusedRequestWithKeyIsReplayedAsRefused()
    {
        using var api = Client(TestSecrets.AdminApiKey);
        var key = Guid.NewGuid().ToString();

        var refused = (await SendAsync(api, HttpMethod.Post, "/api/calls?phone_number=not-a-phone", key)).ExpectProblem(HttpStatusCode.BadRequest, "phone_number");
        var again = (await SendAsync(api, HttpMethod.Post, "/api/calls?phone_number=not-a-phone", key, newConnection: true)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.False(refused.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(refused.Text, again.Text);
    }

    [Fact]
    public async Task RequestsWithoutKeyEachRunAsBefore()
    {
        using var api = Client(TestSecrets.AdminApiKey);
        var phone = LocalMobile();

        var one = (await SendAsync(api, HttpMethod.Post, $"/api/calls?phone_number={phone}", null)).Expect(HttpStatusCode.OK);
        var two = (await SendAsync(api, HttpMethod.Post, $"/api/calls?phone_number={phone}", null)).Expect(HttpStatusCode.OK);

        Assert.False(one.Replayed || two.Replayed);
        Assert.NotEqual(one.Str("call_id"), two.Str("call_id"));
        Assert.Equal(2, await CallsFromAsync(E164(phone)));
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("\"\"")]
    [InlineData("\"unterminated")]
    public async Task MalformedKeyIs400NamingTheHeader(string key)
    {
        using var api = Client(TestSecrets.AdminApiKey);
        var phone = LocalMobile();

        (await SendAsync(api, HttpMethod.Post, $"/api/calls?phone_number={phone}", key)).ExpectProblem(HttpStatusCode.BadRequest, IdempotencyKeyHeader.Name);

        Assert.Equal(0, await CallsFromAsync(E164(phone)));
    }

    [Fact]
    public async Task KeyOnAWriteWhoseAnswerCarriesASecretIs400()
    {
        using var api = Client(TestSecrets.AdminApiKey);

        (await SendAsync(api, HttpMethod.Post, "/api/socket-tickets", Guid.NewGuid().ToString())).ExpectProblem(HttpStatusCode.BadRequest, IdempotencyKeyHeader.Name);
    }

    [Fact]
    public async Task OpenApiDocumentsTheHeaderOnEveryPostAndPatchThatTakesIt()
    {
        using var api = fixture.CreateApiClient();
        string[] secretAnswers = ["/api/keys", "/api/socket-tickets", "/api/people", "/api/people/{userName}/password-reset", "/api/people/sign-in", "/api/people/me/password",
            "/api/webhooks", "/api/webhooks/{endpointId}/rotate-secret"];

        var document = (await api.GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK).Json;

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => (Path: path.Key, Method: operation.Key, Operation: operation.Value!)))
            .ToList();
        var documented = operations
            .Where(o => o.Operation["parameters"] is System.Text.Json.Nodes.JsonArray parameters
                && parameters.Any(p => p!["name"]!.GetValue<string>() == IdempotencyKeyHeader.Name && p["in"]!.GetValue<string>() == "header"))
            .Select(o => (o.Path, o.Method))
            .ToHashSet();
        var writes = operations.Where(o => o.Method is "post" or "patch").Select(o => (o.Path, o.Method)).ToList();

        Assert.Contains(("/api/calls", "post"), documented);
        Assert.Contains(("/api/tickets/{ticketId}", "patch"), documented);
        Assert.All(writes, write => Assert.Equal(!secretAnswers.Contains(write.Path), documented.Contains(write)));
        Assert.All(documented, operation => Assert.Contains(operation, writes));
    }

    /// <summary>A replica died (or lost PostgreSQL) after claiming, before its commit: nothing was written, so the retry runs, once.</summary>
    [Fact]
    public async Task ClaimLapsedBeforeAnyCommitRunsTheRetryOnce()
    {
        using var api = Client(TestSecrets.AdminApiKey);
        var (key, phone, path) = Planted();
        await PlantAsync(key, path, "in_progress", TimeSpan.FromHours(1));

        var retried = (await SendAsync(api, HttpMethod.Post, path, key)).Expect(HttpStatusCode.OK);
        var again = (await SendAsync(api, HttpMethod.Post, path, key)).Expect(HttpStatusCode.OK);

        Assert.False(retried.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(1, await CallsFromAsync(E164(phone)));
    }

    /// <summary>A replica died between its commit and storing the answer: the write stands, and is never run again.</summary>
    [Fact]
    public async Task ClaimCommittedWithoutAnAnswerIs409WrittenAndNeverRunsAgain()
    {
        using var api = Client(TestSecrets.AdminApiKey);
        var (key, phone, path) = Planted();
        await PlantAsync(key, path, "committed", TimeSpan.FromHours(1));

        var lost = (await SendAsync(api, HttpMethod.Post, path, key)).ExpectProblem(HttpStatusCode.Conflict, IdempotencyKeyHeader.Name);

        Assert.Equal("written", lost.Json["outcome"]!.GetValue<string>());
        Assert.Equal(0, await CallsFromAsync(E164(phone)));
    }

    /// <summary>
    /// The first request's write committed and its answer is being stored as it is sent: a repeat waits for that
    /// answer rather than 409, whether the answer lands before its first look or during its wait.
    /// </summary>
    [Fact]
    public async Task ClaimCommittedWithinItsLeaseWaitsForTheAnswer()
    {
        using var api = Client(TestSecrets.AdminApiKey);
        var (key, phone, path) = Planted();
        await PlantAsync(key, path, "committed", TimeSpan.Zero);

        var repeat = SendAsync(api, HttpMethod.Post, path, key);
        var counters = await IdCounters.OfAsync(fixture.App);
        await counters.PlantAsync(
            """
            UPDATE idempotency_keys SET state = 'completed', status = 200, content_type = 'application/json', body = convert_to('{"planted":true}', 'UTF8')
            WHERE scope = @scope AND idempotency_key = @key
            """,
            ("scope", ApiKeyStore.ConfiguredAdminKeyId), ("key", key));
        var answer = (await repeat).Expect(HttpStatusCode.OK);

        Assert.True(answer.Replayed);
        Assert.Equal("""{"planted":true}""", answer.Text);
        Assert.Equal(0, await CallsFromAsync(E164(phone)));
    }

    /// <summary>
    /// A claim within its lease: still running (in_progress), or written with its answer never coming (committed, its
    /// replica died just after the commit; 409 once the wait for the answer is over).
    /// </summary>
    [Theory]
    [InlineData("in_progress")]
    [InlineData("committed")]
    public async Task ClaimStillLeasedIs409WithRetryAfter(string state)
    {
        using var api = Client(TestSecrets.AdminApiKey);
        var (key, phone, path) = Planted();
        await PlantAsync(key, path, state, TimeSpan.Zero);

        var running = (await SendAsync(api, HttpMethod.Post, path, key)).ExpectProblem(HttpStatusCode.Conflict, IdempotencyKeyHeader.Name);

        Assert.Equal("1", running.RetryAfter);
        Assert.Equal(0, await CallsFromAsync(E164(phone)));
    }

    /// <summary>The guard behind a takeover: a write whose claim now belongs to another request cannot commit.</summary>
    [Fact]
    public async Task MarkCommittedWithATakenOverClaimFailsTheTransaction()
    {
        var (key, _, path) = Planted();
        await PlantAsync(key, path, "in_progress", TimeSpan.Zero);
        await using var connection = new NpgsqlConnection(await fixture.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var mark = new NpgsqlCommand("SELECT idempotency_mark_committed(@scope, @key, @token)", connection, transaction);
        mark.Parameters.AddWithValue("scope", ApiKeyStore.ConfiguredAdminKeyId);
        mark.Parameters.AddWithValue("key", key);
        mark.Parameters.AddWithValue("token", Guid.NewGuid());

        var refused = await Assert.ThrowsAsync<PostgresException>(() => mark.ExecuteNonQueryAsync());

        Assert.Equal(IdempotencyStore.ClaimLostState, refused.SqlState);
    }

    private sealed record Answer(HttpStatusCode Status, string Text, bool Replayed, string? ServedBy, string? MediaType, string? RetryAfter)
    {
        private ApiResponse Response => new(Status, Text.Length == 0 ? null : System.Text.Json.Nodes.JsonNode.Parse(Text), Text, ServedBy, MediaType);

        public System.Text.Json.Nodes.JsonNode Json => Response.Json;

        public string Str(string path) => Response.Str(path);

        public Answer Expect(HttpStatusCode status)
        {
            Response.Expect(status);
            return this;
        }

        public Answer ExpectProblem(HttpStatusCode status, string? field = null)
        {
            Response.ExpectProblem(status, field);
            return this;
        }
    }

    /// <summary>A local Saudi mobile number: digits only, so the query string arrives exactly as planted rows hash it.</summary>
    private static string LocalMobile() => $"050{Random.Shared.Next(0, 10_000_000):D7}";

    private static string E164(string local) => $"+966{local[1..]}";

    private static (string Key, string Phone, string Path) Planted()
    {
        var phone = LocalMobile();
        return (Guid.NewGuid().ToString(), phone, $"/api/calls?phone_number={phone}");
    }

    /// <summary>A key row as a replica leaves it, claimed <paramref name="age"/> ago under the admin key.</summary>
    private async Task PlantAsync(string key, string pathAndQuery, string state, TimeSpan age)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var fingerprint = RequestFingerprint.Compute("POST", pathAndQuery[..query], pathAndQuery[query..], []);
        var counters = await IdCounters.OfAsync(fixture.App);
        await counters.PlantAsync(
            """
            INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, token, state, created_at, claimed_at)
            VALUES (@scope, @key, @fingerprint, gen_random_uuid(), @state, now() - @age, now() - @age)
            """,
            ("scope", ApiKeyStore.ConfiguredAdminKeyId), ("key", key), ("fingerprint", fingerprint), ("state", state), ("age", age));
    }

    private async Task<long> CallsFromAsync(string phone)
    {
        await using var connection = new NpgsqlConnection(await fixture.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM calls WHERE phone_number = @phone", connection);
        command.Parameters.AddWithValue("phone", phone);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private HttpClient Client(string apiKey) => ReplicaClients.Held(fixture, apiKey);

    private Task<(HttpClient First, HttpClient Second)> ReplicaPairAsync() => ReplicaClients.PairAsync(fixture, TestSecrets.AdminApiKey);

    /// <summary>Sends until the answer is not "the first request is still running", within the deadline.</summary>
    private static async Task<Answer> SendUntilSettledAsync(HttpClient http, HttpMethod method, string path, string key, string? jsonBody = null)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var answer = await SendAsync(http, method, path, key, jsonBody);
            if (answer.Status != HttpStatusCode.Conflict || answer.RetryAfter is null)
            {
                return answer;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }

    private static async Task<Answer> SendAsync(HttpClient http, HttpMethod method, string path, string? key, string? jsonBody = null, bool newConnection = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader.Name, key);
        }

        request.Headers.ConnectionClose = newConnection;
        using var response = await http.SendAsync(request).WaitAsync(ApiClient.RequestTimeout);
        return new Answer(
            response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            response.Headers.TryGetValues(IdempotencyKeyHeader.ReplayedHeader, out var replayed) && replayed.Single() == "true",
            response.Headers.TryGetValues("X-Served-By", out var servedBy) ? servedBy.Single() : null,
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.TryGetValues("Retry-After", out var retryAfter) ? retryAfter.Single() : null);
    }
}
