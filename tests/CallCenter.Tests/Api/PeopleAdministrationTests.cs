using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

/// <summary>
/// People who sign in to the Web app live in PostgreSQL behind /api/people: admins add and change them, every
/// change is audited, bad input changes nothing, and a lockout is stored, so it holds on every replica.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class PeopleAdministrationTests(CallCenterFixture fixture)
{
    private ApiClient Web(string? person = null, string role = "admin") => person is null
        ? fixture.CreateApiClient(TestSecrets.WebApiKey)
        : fixture.CreateApiClient(TestSecrets.WebApiKey, ("X-Acting-User", person), ("X-Acting-Role", role));

    [Fact]
    public async Task AddingAnAgentWithoutAPasswordCreatesTheirDeskAndShowsAGeneratedPasswordOnce()
    {
        using var admin = fixture.CreateApiClient();
        var userName = $"layla-{Guid.NewGuid():N}"[..20];

        var created = (await admin.PostAsync("/api/people", new { user_name = userName, display_name = "Layla Q", role = "agent", department = "billing", languages = "ar,en" }))
            .Expect(HttpStatusCode.Created);

        var password = created.Str("password");
        Assert.True(password.Length >= 20);
        var agentId = created.Str("person.agent_id");
        Assert.Matches("^AGT-[0-9]{3,}$", agentId);
        Assert.Null(created.Node("person.password_hash"));
        Assert.Null(created.Node("person.security_stamp"));
        var agent = (await admin.GetAsync($"/api/agents/{agentId}")).Expect(HttpStatusCode.OK);
        Assert.Equal(("Layla Q", "billing", "offline"), (agent.Str("name"), agent.Str("department"), agent.Str("status")));
        Assert.Equal(["ar", "en"], agent.Json["languages"].Items().Select(language => language.GetValue<string>()));

        // The listing never shows it again; the Web app's sign-in takes it.
        var listed = (await admin.GetAsync($"/api/people?search={userName}")).Expect(HttpStatusCode.OK);
        Assert.Equal(userName, listed.Json["people"].Items().Single().Text("user_name"));
        Assert.DoesNotContain(password, listed.Text, StringComparison.Ordinal);
        using var web = Web();
        var session = (await web.PostAsync("/api/people/sign-in", new { user_name = userName.ToUpperInvariant(), password })).Expect(HttpStatusCode.OK);
        Assert.Equal((userName, "agent", agentId), (session.Str("user_name"), session.Str("role"), session.Str("agent_id")));

        var trail = (await admin.GetAsync($"/api/audit?subject={userName}")).Expect(HttpStatusCode.OK).Json["entries"].Items();
        Assert.Equal(["person:signed_in", "person:created"], trail.Select(entry => entry.Text("action")));
        Assert.Equal("api-key", trail[1].Text("actor"));
    }

    [Fact]
    public async Task BadPeopleAreRefusedByFieldAndChangeNothing()
    {
        using var admin = fixture.CreateApiClient();
        var (taken, _) = await TestPeople.AddAsync(admin, "supervisor");
        var before = (await admin.GetAsync("/api/people?limit=1")).Expect(HttpStatusCode.OK).Json.Value<int>("total");

        (await admin.PostAsync("/api/people", new { user_name = taken.ToUpperInvariant(), display_name = "Twin", role = "supervisor", password = "long-enough-password" }))
            .ExpectProblem(HttpStatusCode.Conflict, "user_name");
        (await admin.PostAsync("/api/people", new { user_name = "weak-one", display_name = "Weak", role = "supervisor", password = "short" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "password");
        (await admin.PostAsync("/api/people", new { user_name = "named-one", display_name = "Named", role = "supervisor", password = "my-name-is-named-one" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "password");
        (await admin.PostAsync("/api/people", new { user_name = "boss-one", display_name = "Boss", role = "owner" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "role");
        (await admin.PostAsync("/api/people", new { user_name = "ghost-one", display_name = "Ghost", role = "agent", agent_id = "AGT-999999" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "agent_id");
        (await admin.PostAsync("/api/people", new { user_name = "twin-desk", display_name = "Twin desk", role = "agent", agent_id = "AGT-001" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "agent_id");
        (await admin.PostAsync("/api/people", new { user_name = "no-desk", display_name = "No desk", role = "agent" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "agent_id");
        (await admin.PostAsync("/api/people", new { user_name = "bad name!", display_name = "Bad", role = "admin" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "user_name");

        Assert.Equal(before, (await admin.GetAsync("/api/people?limit=1")).Expect(HttpStatusCode.OK).Json.Value<int>("total"));
    }

    [Fact]
    public async Task NobodyChangesTheirOwnRoleOrDisablesThemselves()
    {
        using var admin = fixture.CreateApiClient();
        var (self, _) = await TestPeople.AddAsync(admin, "admin");
        using var asSelf = Web(self);

        (await asSelf.PatchAsync($"/api/people/{self}", new { role = "supervisor" })).ExpectProblem(HttpStatusCode.BadRequest, "role");
        (await asSelf.PatchAsync($"/api/people/{self}", new { disabled = true })).ExpectProblem(HttpStatusCode.BadRequest, "disabled");

        var person = (await admin.GetAsync($"/api/people/{self}")).Expect(HttpStatusCode.OK);
        Assert.Equal(("admin", false), (person.Str("role"), person.Json.Value<bool>("disabled")));
        // Their name changes fine.
        (await asSelf.PatchAsync($"/api/people/{self}", new { display_name = "Renamed" })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OnlyAdminsManagePeopleAndOnlyTheWebAppSignsIn()
    {
        using var anonymous = fixture.CreateApiClient(apiKey: null);
        using var supervisor = Web("supervisor", "supervisor");
        using var admin = fixture.CreateApiClient();

        (await anonymous.GetAsync("/api/people")).ExpectProblem(HttpStatusCode.Unauthorized);
        (await supervisor.GetAsync("/api/people")).ExpectProblem(HttpStatusCode.Forbidden);
        (await admin.PostAsync("/api/people/sign-in", new { user_name = "admin", password = TestSecrets.DemoPassword })).ExpectProblem(HttpStatusCode.Forbidden);
        (await admin.GetAsync("/api/people/me")).ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task WrongPasswordsLockThePersonOnEveryReplicaAndAResetLiftsIt()
    {
        using var admin = fixture.CreateApiClient();
        var (user, password) = await TestPeople.AddAsync(admin, "supervisor");
        using var web = Web();

        for (var attempt = 1; attempt < 5; attempt++)
        {
            (await web.PostAsync("/api/people/sign-in", new { user_name = user, password = $"wrong-{attempt}" })).ExpectProblem(HttpStatusCode.Unauthorized);
        }

        (await web.PostAsync("/api/people/sign-in", new { user_name = user, password = "wrong-5" })).Expect((HttpStatusCode)423);

        // Locked wherever the next attempt lands, even with the right password: tried until both replicas answered.
        var servedBy = new HashSet<string?>();
        for (var attempt = 0; attempt < 40 && servedBy.Count < 2; attempt++)
        {
            var right = await web.SendAsync(HttpMethod.Post, "/api/people/sign-in", new { user_name = user, password }, newConnection: true);
            right.Expect((HttpStatusCode)423);
            servedBy.Add(right.ServedBy);
        }

        Assert.Equal(2, servedBy.Count);
        var trail = (await admin.GetAsync($"/api/audit?subject={user}&action=person:locked_out")).Expect(HttpStatusCode.OK);
        Assert.Single(trail.Json["entries"].Items());

        var reset = (await admin.PostAsync($"/api/people/{user}/password-reset")).Expect(HttpStatusCode.OK);
        (await web.PostAsync("/api/people/sign-in", new { user_name = user, password })).ExpectProblem(HttpStatusCode.Unauthorized);
        (await web.PostAsync("/api/people/sign-in", new { user_name = user, password = reset.Str("password") })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task APersonChangesTheirOwnPasswordAndGetsANewStamp()
    {
        using var admin = fixture.CreateApiClient();
        var (user, password) = await TestPeople.AddAsync(admin, "supervisor");
        using var web = Web();
        var stamp = (await web.PostAsync("/api/people/sign-in", new { user_name = user, password })).Expect(HttpStatusCode.OK).Str("security_stamp");
        using var asThem = Web(user, "supervisor");

        (await asThem.PostAsync("/api/people/me/password", new { current_password = "not-it-at-all", new_password = "a-brand-new-secret" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "current_password");
        (await asThem.PostAsync("/api/people/me/password", new { current_password = password, new_password = "tiny" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "new_password");
        var changed = (await asThem.PostAsync("/api/people/me/password", new { current_password = password, new_password = "a-brand-new-secret" }))
            .Expect(HttpStatusCode.OK);

        Assert.NotEqual(stamp, changed.Str("security_stamp"));
        Assert.Equal(changed.Str("security_stamp"), (await asThem.GetAsync("/api/people/me")).Expect(HttpStatusCode.OK).Str("security_stamp"));
        (await web.PostAsync("/api/people/sign-in", new { user_name = user, password = "a-brand-new-secret" })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheBootstrapAdminIsNotCreatedWhereAnEnabledAdminExists()
    {
        // Development's demo admin existed first, so the admin-password parameter was never applied to anyone.
        using var web = Web();
        (await web.PostAsync("/api/people/sign-in", new { user_name = "admin", password = TestSecrets.AdminPassword })).ExpectProblem(HttpStatusCode.Unauthorized);
        (await web.PostAsync("/api/people/sign-in", new { user_name = "admin", password = TestSecrets.DemoPassword })).Expect(HttpStatusCode.OK);
    }
}
