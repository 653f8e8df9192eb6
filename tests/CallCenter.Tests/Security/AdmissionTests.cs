using System.Net;
using System.Net.WebSockets;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Security;

/// <summary>Limits that hold across both replicas, and who may open the socket.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class AdmissionTests(CallCenterFixture fixture)
{
    [Fact]
    public async Task AKeysRequestsPerMinuteAreOneBudgetAcrossBothReplicas()
    {
        const int Budget = 30;
        var key = await FloorKeys.IssueAsync(fixture, "integration", requestsPerMinute: Budget);
        using var http = fixture.App.CreateHttpClient("api", authenticated: false);
        http.DefaultRequestHeaders.Authorization = new("Bearer", key.Secret);

        List<(HttpStatusCode Status, string ServedBy)> answers = [];
        await RateWindow.WithRoomAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < Budget + 20; i++)
        {
            // A fresh connection each time: DCP balances connections, so the calls spread over both replicas.
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/agents?limit=1") { Headers = { ConnectionClose = true } };
            using var response = await http.SendAsync(request);
            answers.Add((response.StatusCode, response.Headers.GetValues("X-Served-By").Single()));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        // Each replica counting alone would have let all fifty through.
        Assert.Equal(Budget, answers.Count(answer => answer.Status == HttpStatusCode.OK));
        Assert.Equal(20, answers.Count(answer => answer.Status == HttpStatusCode.TooManyRequests));
        Assert.Equal(2, answers.Where(answer => answer.Status == HttpStatusCode.OK).Select(answer => answer.ServedBy).Distinct().Count());
        Assert.Equal(2, answers.Where(answer => answer.Status == HttpStatusCode.TooManyRequests).Select(answer => answer.ServedBy).Distinct().Count());
    }

    [Fact]
    public async Task ASocketFromAPageOfAnotherSiteIsRefused()
    {
        var refused = await ConnectAsync(options =>
        {
            LiveSocket.AsAdmin(options);
            options.SetRequestHeader("Origin", "https://evil.example");
        });
        Assert.Equal(HttpStatusCode.Forbidden, refused);

        var web = fixture.App.App.GetEndpoint("web", "http");
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await ConnectAsync(options =>
        {
            LiveSocket.AsAdmin(options);
            options.SetRequestHeader("Origin", web.GetLeftPart(UriPartial.Authority));
        }));
    }

    [Fact]
    public async Task ABrowsersOneTimeTicketOpensOneSocketOnly()
    {
        using var agent = await FloorKeys.ClientAsync(fixture, "agent", "AGT-001");
        var ticket = (await agent.PostAsync("/api/socket-tickets")).Expect(HttpStatusCode.OK).Str("ticket");

        await using (var socket = await LiveSocket.ConnectAsync(SocketUri($"ticket={ticket}&topics=agents")))
        {
            (await agent.PatchAsync("/api/agents/AGT-001/status?status=busy")).Expect(HttpStatusCode.OK);
            var (frame, _) = await socket.NextMatchingAsync(frame => frame["type"]?.GetValue<string>() == "agent:status_changed");
            Assert.Equal("AGT-001", frame["data"]!["agent_id"]!.GetValue<string>());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await ConnectAsync(_ => { }, $"ticket={ticket}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ConnectAsync(_ => { }, "ticket=cct_made-up"));
    }

    [Fact]
    public async Task ACallerHoldsABoundedNumberOfSocketsOnEachReplica()
    {
        const int PerReplica = 20; // the fixture's Api:SocketsPerCaller
        var key = await FloorKeys.IssueAsync(fixture, "integration");
        void WithKey(ClientWebSocketOptions options) => options.SetRequestHeader("Authorization", $"Bearer {key.Secret}");
        var open = new List<LiveSocket>();
        try
        {
            // Connections land on either replica; a dozen refusals in a row means both are full.
            for (var refusedInARow = 0; refusedInARow < 12 && open.Count <= 2 * PerReplica;)
            {
                try
                {
                    open.Add(await LiveSocket.ConnectAsync(SocketUri(), WithKey));
                    refusedInARow = 0;
                }
                catch (WebSocketException)
                {
                    refusedInARow++;
                }
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, await ConnectAsync(WithKey));
            var perReplica = open.GroupBy(socket => socket.ServedBy).Select(group => group.Count()).ToList();
            Assert.Equal([PerReplica, PerReplica], perReplica);
        }
        finally
        {
            foreach (var socket in open)
            {
                await socket.DisposeAsync();
            }
        }

        // Closed sockets give their places back: a replica frees a place once it has finished closing that socket,
        // a moment after the client saw the close, so the next connection is awaited with a deadline.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        HttpStatusCode? answer;
        while ((answer = await ConnectAsync(WithKey)) == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.SwitchingProtocols, answer);
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedByEveryReplica()
    {
        var key = await FloorKeys.IssueAsync(fixture, "supervisor");
        using var holder = fixture.CreateApiClient(key.Secret);
        (await holder.GetAsync("/api/audit?limit=1")).Expect(HttpStatusCode.OK);
        using var admin = fixture.CreateApiClient();
        var revoked = (await admin.SendAsync(HttpMethod.Delete, $"/api/keys/{key.KeyId}", jsonBody: null)).Expect(HttpStatusCode.OK);
        Assert.NotNull(revoked.Node("key.revoked_at"));

        // Replicas trust a checked key for the key cache time (30 s); both must refuse it within that.
        var refusedBy = new HashSet<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (refusedBy.Count < 2)
        {
            deadline.Token.ThrowIfCancellationRequested();
            var answer = await holder.SendAsync(HttpMethod.Get, "/api/agents?limit=1", jsonBody: null, newConnection: true);
            if (answer.Status == HttpStatusCode.Unauthorized)
            {
                refusedBy.Add(answer.ServedBy!);
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token);
            }
        }

        var audit = (await admin.GetAsync($"/api/audit?subject={key.KeyId}")).Expect(HttpStatusCode.OK).Json["entries"].Items();
        Assert.Equal(["key:revoked", "key:created"], audit.Select(entry => entry.Text("action")));
    }

    private async Task<HttpStatusCode?> ConnectAsync(Action<ClientWebSocketOptions> configure, string query = "")
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure(socket.Options);
        try
        {
            await socket.ConnectAsync(SocketUri(query), CancellationToken.None).WaitAsync(LiveSocket.FrameTimeout);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        return socket.HttpStatusCode;
    }

    private Uri SocketUri(string query = "") =>
        new UriBuilder(fixture.App.App.GetEndpoint("api", "http")) { Scheme = "ws", Path = "/ws/updates", Query = query }.Uri;
}
