using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Security;

/// <summary>
/// Every operation the OpenAPI document lists (so a new endpoint is swept the day it appears), called without
/// credentials, with a wrong key, and as each role: refused with 401/403 exactly where the floor says so.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class RouteMatrixTests(CallCenterFixture fixture)
{
    private static readonly string[] Roles = ["admin", "supervisor", "integration", "agent"];

    [Fact]
    public async Task EveryRouteRefusesCallersWithoutValidCredentials()
    {
        var operations = await OperationsAsync();
        using var anonymous = fixture.CreateApiClient(apiKey: null);
        using var wrongKey = fixture.CreateApiClient("cck_not-a-key");
        using var webAlone = fixture.CreateApiClient(TestSecrets.WebApiKey);
        foreach (var (method, path) in operations)
        {
            var refused = await anonymous.SendAsync(method, path, jsonBody: null);
            refused.ExpectProblem(HttpStatusCode.Unauthorized);
            Assert.True(refused.ServedBy is not null, $"{method} {path}: no X-Served-By on the refusal");
            (await wrongKey.SendAsync(method, path, jsonBody: null)).ExpectProblem(HttpStatusCode.Unauthorized);
            // The Web app's key names a person on every call; alone it may only check a password at sign-in.
            var alone = await webAlone.SendAsync(method, path, jsonBody: null);
            if (path == SignInPath)
            {
                Assert.True(alone.Status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"web alone: {method} {path}: {alone.Text}");
            }
            else
            {
                alone.ExpectProblem(HttpStatusCode.Forbidden);
            }
        }

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAnyAsync<WebSocketException>(() => socket.ConnectAsync(SocketUri(), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);

        using var http = fixture.App.CreateHttpClient("api", authenticated: false);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task EachRoleReachesExactlyTheRoutesOfItsPlaceOnTheFloor()
    {
        var operations = await OperationsAsync();
        var callers = new Dictionary<string, ApiClient>
        {
            ["admin"] = fixture.CreateApiClient(),
            ["supervisor"] = await FloorKeys.ClientAsync(fixture, "supervisor"),
            ["integration"] = await FloorKeys.ClientAsync(fixture, "integration"),
            ["agent"] = await FloorKeys.ClientAsync(fixture, "agent", "AGT-003"),
        };
        var acting = new Dictionary<string, ApiClient>
        {
            ["admin"] = FloorKeys.ActingThroughWeb(fixture, "admin", "admin"),
            ["supervisor"] = FloorKeys.ActingThroughWeb(fixture, "supervisor", "supervisor"),
            ["agent"] = FloorKeys.ActingThroughWeb(fixture, "AGT-003", "agent", "AGT-003"),
        };
        var cells = 0;
        try
        {
            foreach (var (method, path) in operations)
            {
                foreach (var role in Roles)
                {
                    await CheckAsync(callers[role], role, acting: false, method, path);
                    cells++;
                    if (acting.TryGetValue(role, out var person))
                    {
                        await CheckAsync(person, role, acting: true, method, path);
                        cells++;
                    }
                }
            }
        }
        finally
        {
            foreach (var client in callers.Values.Concat(acting.Values))
            {
                client.Dispose();
            }
        }

        // 30 operations today, 7 callers each: a shrinking document would hide routes from the sweep.
        Assert.True(operations.Count >= 24, $"only {operations.Count} operations in the OpenAPI document");
        Assert.Equal(operations.Count * 7, cells);
    }

    private static async Task CheckAsync(ApiClient client, string role, bool acting, HttpMethod method, string path)
    {
        var response = await client.SendAsync(method, path, jsonBody: null);
        if (Admits(role, acting, method, path))
        {
            Assert.True(response.Status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                $"{role}: {method} {path} was refused: {(int)response.Status} {response.Text}");
        }
        else
        {
            response.ExpectProblem(HttpStatusCode.Forbidden);
        }
    }

    private const string SignInPath = "/api/people/sign-in";

    /// <summary>
    /// The floor: keys, people, webhooks, recounting the stats and changing SLA calendars and policies are the admin's, the audit
    /// trail, assigning calls, agents' skills, the stats and reading SLA settings supervision's, the rest every role's;
    /// a person acting through the Web app has a "me", and only the Web app's key alone checks passwords.
    /// </summary>
    private static bool Admits(string role, bool acting, HttpMethod method, string path) => path switch
    {
        _ when path.StartsWith("/api/calendars", StringComparison.Ordinal) || path.StartsWith("/api/sla-policies", StringComparison.Ordinal) =>
            method == HttpMethod.Get ? role is "admin" or "supervisor" : role == "admin",
        SignInPath => false,
        _ when path.StartsWith("/api/people/me", StringComparison.Ordinal) => acting,
        _ when path.StartsWith("/api/keys", StringComparison.Ordinal) || path.StartsWith("/api/people", StringComparison.Ordinal)
            || path.StartsWith("/api/webhooks", StringComparison.Ordinal) || path == "/api/stats/rebuild" => role == "admin",
        _ when path.StartsWith("/api/audit", StringComparison.Ordinal) || path.EndsWith("/assign", StringComparison.Ordinal)
            || path.EndsWith("/skills", StringComparison.Ordinal) || path.StartsWith("/api/stats", StringComparison.Ordinal) => role is "admin" or "supervisor",
        _ => true,
    };

    /// <summary>Every operation of the API's OpenAPI document, with made-up ids in the path.</summary>
    private async Task<IReadOnlyList<(HttpMethod Method, string Path)>> OperationsAsync()
    {
        using var http = fixture.App.CreateHttpClient("api", authenticated: false);
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        List<(HttpMethod, string)> operations = [];
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            var path = System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", "NO-SUCH-ID");
            foreach (var (method, _) in item!.AsObject())
            {
                if (path != "/ws/updates")
                {
                    operations.Add((new HttpMethod(method.ToUpperInvariant()), path));
                }
            }
        }

        return operations;
    }

    private Uri SocketUri() => new UriBuilder(fixture.App.App.GetEndpoint("api", "http")) { Scheme = "ws", Path = "/ws/updates" }.Uri;
}
