using System.Net;
using CallCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CallCenter.Tests.Security;

/// <summary>
/// Callers without valid credentials share a budget per address. The shared app lifts it (all its tests come from
/// one address), so this runs a replica of its own on the same PostgreSQL and Redis with a small one.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class AnonymousLimitTests(CallCenterFixture fixture)
{
    private const int Budget = 5;

    [Fact]
    public async Task RequestsWithoutValidCredentialsAreLimitedPerAddress()
    {
        await using var factory = await OwnReplica.StartAsync(fixture, host => host
            .UseSetting("RateLimiting:AnonymousRequestsPerMinute", Budget.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var http = factory.CreateClient();

        List<HttpResponseMessage> answers = [];
        await RateWindow.WithRoomAsync(TimeSpan.FromSeconds(15));
        for (var i = 0; i < Budget + 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/calls/queue");
            // A wrong key is no key: it draws on the address's budget too.
            request.Headers.Authorization = i % 2 == 0 ? null : new("Bearer", "cck_guessing");
            answers.Add(await http.SendAsync(request));
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, Budget), answers.Take(Budget).Select(answer => answer.StatusCode));
        Assert.All(answers.Skip(Budget), answer =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
            Assert.True(answer.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 });
        });

        // A valid key has its own budget, untouched by the guessing.
        using var admin = new HttpRequestMessage(HttpMethod.Get, "/api/calls/queue") { Headers = { Authorization = TestSecrets.AdminAuthorization } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(admin)).StatusCode);
        using var health = await http.GetAsync("/health");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, health.StatusCode);
        answers.ForEach(answer => answer.Dispose());
    }
}
