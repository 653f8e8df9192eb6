using System.Net;
using CallCenter.Tests.Infrastructure;
using CallCenter.Tests.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Production;

/// <summary>
/// A new center's first day in Production: nobody but the bootstrap admin exists; they add an agent, who signs in
/// and works a call end to end, and stays signed in while the Web app restarts under them.
/// </summary>
[Collection(ProductionCollection.Name)]
public sealed class FirstDayTests(ProductionFixture fixture, ChromiumFixture chromium)
{
    [Fact]
    public Task BootstrapAdminAddsAnAgentWhoTakesACallAndStaysSignedInThroughAWebRestart() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var admin = await browser.SignInAsync("admin", TestSecrets.AdminPassword);
        var password = await PeopleTests.AddAgentAsync(admin, "first-agent", "First Agent");

        var agent = await browser.SignInAsync("first-agent", password);
        await Expect(agent).ToHaveURLAsync(new Uri(browser.Web, "/Agent").ToString());
        await agent.Locator(".status-switch button[value='available']").ClickAsync();
        await Expect(agent.Locator("#my-status")).ToHaveTextAsync("Available");
        await agent.WaitForLiveAsync();

        // The admin plays the caller on the customer line; the floor offers the call to the new agent, whose desk rings live.
        var callId = await admin.CallInAsync("First Caller", "support");
        var offer = agent.Offer();
        await Expect(offer).ToContainTextAsync("First Caller");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(agent.MyCall(callId).Locator(".status")).ToHaveTextAsync("In progress");
        await Expect(admin.Locator("#caller-agent")).ToHaveTextAsync(await AgentIdAsync("first-agent"));

        // The Web app restarts mid-session: the cookie is read with the key ring PostgreSQL kept.
        await fixture.App.RestartAsync("web");
        await agent.ReloadAsync();
        await Expect(agent.Locator("#signed-in-as")).ToHaveTextAsync("first-agent");
        await agent.MyCall(callId).GetByRole(AriaRole.Button, new() { Name = "End call" }).ClickAsync();
        await Expect(agent.MyCall(callId)).ToHaveCountAsync(0);
        await Expect(admin.Locator("#caller-status")).ToHaveTextAsync("Ended");
    },
    // The Web app's restart has its own bound; on a loaded machine it took most of the browser test's two minutes.
    timeout: FloorBrowser.TestTimeout + CallCenterApp.StartTimeout);

    [Fact]
    public async Task NoDemoPeopleExistAndTheLastAdminCannotBeDisabled()
    {
        using var web = fixture.CreateApiClient(TestSecrets.WebApiKey);
        foreach (var demo in new[] { "AGT-001", "supervisor" })
        {
            (await web.PostAsync("/api/people/sign-in", new { user_name = demo, password = TestSecrets.DemoPassword })).ExpectProblem(HttpStatusCode.Unauthorized);
        }

        (await web.PostAsync("/api/people/sign-in", new { user_name = "admin", password = TestSecrets.DemoPassword })).ExpectProblem(HttpStatusCode.Unauthorized);
        (await web.PostAsync("/api/people/sign-in", new { user_name = "admin", password = TestSecrets.AdminPassword })).Expect(HttpStatusCode.OK);

        using var admin = fixture.CreateApiClient();
        (await admin.PatchAsync("/api/people/admin", new { disabled = true })).ExpectProblem(HttpStatusCode.Conflict, "last enabled admin");
        (await admin.PatchAsync("/api/people/admin", new { role = "supervisor" })).ExpectProblem(HttpStatusCode.Conflict, "last enabled admin");
        var person = (await admin.GetAsync("/api/people/admin")).Expect(HttpStatusCode.OK);
        Assert.Equal(("admin", false), (person.Str("role"), person.Json.Value<bool>("disabled")));
    }

    private async Task<string> AgentIdAsync(string userName)
    {
        using var admin = fixture.CreateApiClient();
        return (await admin.GetAsync($"/api/people/{userName}")).Expect(HttpStatusCode.OK).Str("agent_id");
    }
}
