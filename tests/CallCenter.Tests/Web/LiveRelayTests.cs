using System.Net;
using System.Net.WebSockets;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Web;

/// <summary>The Web app's <c>/ws/updates</c>: the API's live updates for signed-in people on the Web's own origin only.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class LiveRelayTests(CallCenterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private Uri Web => fixture.App.App.GetEndpoint("web", "http");

    private Uri Socket(string query) => new UriBuilder(Web) { Scheme = "ws", Path = "/ws/updates", Query = query }.Uri;

    [Fact]
    public async Task ConnectSignedInFromTheWebOriginRelaysTheApisEvents()
    {
        var cookies = await SignInAsync("AGT-003");
        await using var socket = await LiveSocket.ConnectAsync(Socket("topics=agents"), options =>
        {
            options.Cookies = cookies;
            options.SetRequestHeader("Origin", Web.GetLeftPart(UriPartial.Authority));
        });

        using var api = fixture.CreateApiClient();
        await api.PatchAsync("/api/agents/AGT-003/status?status=on_break").WaitAsync(Timeout);
        await api.PatchAsync("/api/agents/AGT-003/status?status=available").WaitAsync(Timeout);

        // topics=agents reached the API: only agent events come through (each status change with its activity change), in order.
        var (first, skipped) = await socket.NextMatchingAsync(frame => frame["data"]?["agent_id"]?.GetValue<string>() == "AGT-003");
        var activity = await socket.NextAsync();
        var second = await socket.NextAsync();
        Assert.All(skipped, frame => Assert.StartsWith("agent:", frame["type"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(["agent:status_changed", "agent:activity_changed", "agent:status_changed"], new[] { first, activity, second }.Select(frame => frame["type"]!.GetValue<string>()));
        Assert.Equal("on_break", first["data"]!["status"]!.GetValue<string>());
        Assert.Equal("available", second["data"]!["status"]!.GetValue<string>());
        Assert.Equal([first["id"]!.GetValue<long>() + 1, first["id"]!.GetValue<long>() + 2], new[] { activity, second }.Select(frame => frame["id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task ConnectFromAnotherOriginIsForbidden()
    {
        var cookies = await SignInAsync("AGT-003");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => LiveSocket.ConnectAsync(Socket(""), options =>
        {
            options.Cookies = cookies;
            options.SetRequestHeader("Origin", "http://elsewhere.example");
        }));
        Assert.Contains("'403'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectWithoutSigningInIsRefused()
    {
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => LiveSocket.ConnectAsync(Socket(""), options =>
            options.SetRequestHeader("Origin", Web.GetLeftPart(UriPartial.Authority))));
        Assert.Contains("'401'", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Signs in through the form, as a browser would, and returns the sign-in cookie.</summary>
    private async Task<CookieContainer> SignInAsync(string userName)
    {
        var cookies = new CookieContainer();
        using var http = FloorHttp.Client(Web, cookies);
        using var response = await http.SignInAsync(userName, TestSecrets.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return cookies;
    }
}
