using System.Net;
using System.Text.RegularExpressions;
using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

/// <summary>
/// Issue 12 on the floor's pages: a call routed to an automatic department rings on one agent's desk, who accepts or
/// declines it, wraps it up, and takes breaks; the wallboard shows each agent's activity and the time in it.
/// Each test works in a department of its own, with its other agents forced offline, so the offer can only go to
/// the agent the test watches.
/// </summary>
[Collection(ProvisionalAcdCollection.Name)]
public sealed partial class RingingDeskTests(ProvisionalAcdFixture fixture, ChromiumFixture chromium)
{
    /// <summary>The fixture's ring timeout (the API's default).</summary>
    private static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public Task OfferRingsWithCallerAndCountdownSurvivesAReloadAndIsAcceptedWrappedUpAndFinished() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        using var api = fixture.CreateApiClient();
        await OnlyOnDutyAsync(api, "AGT-003", "AGT-008");
        var layla = await browser.SignInAsync("AGT-003");
        await layla.WaitForLiveAsync();
        var board = await browser.SignInAsync("supervisor");
        await board.GotoAsync("/Wallboard");
        await board.WaitForLiveAsync();

        var callId = await CallInAsync(api, "Offer Caller", "complaints", "ar");
        var offer = layla.Offer();
        await Expect(offer).ToBeVisibleAsync();
        await Expect(offer.Locator("[data-field='customer_name']")).ToHaveTextAsync("Offer Caller");
        await Expect(offer.Locator("[data-label='department']")).ToHaveTextAsync("Complaints");
        await Expect(offer.Locator("[data-label='language']")).ToHaveTextAsync("Arabic");
        await Expect(offer.Locator("#offer-countdown")).ToHaveTextAsync(Clock());
        await Expect(layla.Locator("#my-status")).ToHaveTextAsync("Ringing");
        await Expect(BoardChip(board, "AGT-003").Locator("[data-label='activity']")).ToHaveTextAsync("Ringing");
        await Expect(layla.MyCall(callId)).ToHaveCountAsync(0);

        // A reload keeps the offer: it comes from the call's state, not only from the event that rang.
        await layla.ReloadAsync();
        await Expect(offer).ToBeVisibleAsync();
        await Expect(offer.Locator("[data-field='customer_name']")).ToHaveTextAsync("Offer Caller");
        await Expect(offer.Locator("#offer-countdown")).ToHaveTextAsync(Clock());

        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(offer).ToBeHiddenAsync();
        await Expect(layla.MyCall(callId).Locator(".status")).ToHaveTextAsync("In progress");
        await Expect(layla.Locator("#my-status")).ToHaveTextAsync("On a call");
        await Expect(layla.Locator(".status-switch")).ToBeHiddenAsync();
        var chip = BoardChip(board, "AGT-003");
        await Expect(chip.Locator("[data-label='activity']")).ToHaveTextAsync("On a call");
        await Expect(chip.Locator(".wait")).ToHaveTextAsync(Clock());

        await layla.MyCall(callId).GetByRole(AriaRole.Button, new() { Name = "End call" }).ClickAsync();
        var wrapUp = layla.Locator("#wrap-up");
        await Expect(wrapUp).ToBeVisibleAsync();
        await Expect(wrapUp.Locator("[data-field='customer_name']")).ToHaveTextAsync("Offer Caller");
        await Expect(wrapUp.Locator("#wrap-up-countdown")).ToHaveTextAsync(Clock());
        await Expect(layla.Locator("#my-status")).ToHaveTextAsync("Wrap-up");
        await Expect(BoardChip(board, "AGT-003").Locator("[data-label='activity']")).ToHaveTextAsync("Wrap-up");

        await wrapUp.GetByLabel("Disposition").SelectOptionAsync("escalated");
        await wrapUp.GetByRole(AriaRole.Button, new() { Name = "Save disposition" }).ClickAsync();
        await Expect(layla.Locator("#disposition-recorded")).ToContainTextAsync("Escalated");
        Assert.Equal("escalated", (await api.GetAsync($"/api/calls/{callId}")).Str("disposition"));

        await wrapUp.GetByRole(AriaRole.Button, new() { Name = "Finish wrap-up" }).ClickAsync();
        await Expect(wrapUp).ToBeHiddenAsync();
        await Expect(layla.Locator("#my-status")).ToHaveTextAsync("Available");
        await Expect(BoardChip(board, "AGT-003").Locator("[data-label='activity']")).ToHaveTextAsync("Available");
    });

    [Fact]
    public Task DeclinedOfferLeavesTheAgentMissedUntilTheyMakeThemselvesAvailableAndItRingsAgain() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        using var api = fixture.CreateApiClient();
        await OnlyOnDutyAsync(api, "AGT-006", "AGT-007");
        var khalid = await browser.SignInAsync("AGT-006");
        await khalid.WaitForLiveAsync();

        var callId = await CallInAsync(api, "Declined Caller", "billing", language: null);
        var offer = khalid.Offer();
        await Expect(offer.Locator("[data-field='customer_name']")).ToHaveTextAsync("Declined Caller");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();

        await Expect(offer).ToBeHiddenAsync();
        await Expect(khalid.Locator("#my-status")).ToHaveTextAsync("Missed a call");
        var missed = khalid.Locator("#missed");
        await Expect(missed).ToContainTextAsync("no more calls are offered to you");
        // Nobody else in billing is on duty: the caller waits in the queue, keeping their place.
        await Expect(khalid.QueueRow(callId)).ToContainTextAsync("Declined Caller");

        await missed.GetByRole(AriaRole.Button, new() { Name = "Make me available" }).ClickAsync();
        await Expect(missed).ToBeHiddenAsync();
        await Expect(offer.Locator("[data-field='customer_name']")).ToHaveTextAsync("Declined Caller");
        await Expect(khalid.QueueRow(callId)).ToHaveCountAsync(0);

        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(khalid.MyCall(callId).Locator(".status")).ToHaveTextAsync("In progress");
        (await api.PostAsync($"/api/calls/{callId}/end")).Expect(HttpStatusCode.OK);
        (await api.PatchAsync("/api/agents/AGT-006/activity", new { activity = "available" })).Expect(HttpStatusCode.OK);
        await Expect(khalid.Locator("#my-status")).ToHaveTextAsync("Available");
    });

    [Fact]
    public Task UnansweredOfferRingsOutAndTheDeskSaysWhyNoCallsCome() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        using var api = fixture.CreateApiClient();
        await OnlyOnDutyAsync(api, "AGT-001", "AGT-002");
        var sara = await browser.SignInAsync("AGT-001");
        await sara.WaitForLiveAsync();

        var callId = await CallInAsync(api, "Unanswered Caller", "support", "en");
        await Expect(sara.Offer().Locator("[data-field='customer_name']")).ToHaveTextAsync("Unanswered Caller");

        // Nobody touches the desk: the server's timer settles the offer, and the desk follows its events.
        var ringOut = new LocatorAssertionsToBeVisibleOptions { Timeout = (float)(RingTimeout + FloorBrowser.ExpectTimeout).TotalMilliseconds };
        await Expect(sara.Locator("#missed")).ToBeVisibleAsync(ringOut);
        await Expect(sara.Offer()).ToBeHiddenAsync();
        await Expect(sara.Locator("#my-status")).ToHaveTextAsync("Missed a call");
        await Expect(sara.QueueRow(callId)).ToContainTextAsync("Unanswered Caller");

        (await api.PostAsync($"/api/calls/{callId}/end")).Expect(HttpStatusCode.OK);
        await sara.Locator("#missed").GetByRole(AriaRole.Button, new() { Name = "Make me available" }).ClickAsync();
        await Expect(sara.Locator("#my-status")).ToHaveTextAsync("Available");
    });

    [Fact]
    public Task BreakWithAReasonShowsOnTheDeskAndOnTheArabicWallboardWithItsTime() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        using var api = fixture.CreateApiClient();
        await OnlyOnDutyAsync(api, "AGT-004", "AGT-005");
        var james = await browser.SignInAsync("AGT-004");
        await james.WaitForLiveAsync();
        var board = await browser.SignInAsync("supervisor");
        await board.GotoAsync("/Wallboard");
        await board.GetByRole(AriaRole.Button, new() { Name = "العربية" }).ClickAsync();
        await Expect(board.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await board.WaitForLiveAsync();

        await james.GetByLabel("Break reason").SelectOptionAsync("training");
        await james.Locator(".status-switch button[value='on_break']").ClickAsync();
        await Expect(james.Locator("#my-status")).ToHaveTextAsync("On break");
        await Expect(james.Locator("#my-break-reason")).ToHaveTextAsync("Training");
        await Expect(james.Locator("#my-activity-time")).ToHaveTextAsync(Clock());

        var chip = board.Locator("#agents-list-on_break li[data-key='AGT-004']");
        await Expect(chip.Locator("[data-label='activity']")).ToHaveTextAsync("في استراحة");
        await Expect(chip.Locator("[data-label='break_reason']")).ToHaveTextAsync("تدريب");
        await Expect(chip.Locator(".wait")).ToHaveTextAsync(Clock());

        await james.Locator(".status-switch button[value='available']").ClickAsync();
        await Expect(james.Locator("#my-status")).ToHaveTextAsync("Available");
        await Expect(james.Locator("#my-break-reason")).ToBeEmptyAsync();
        var available = board.Locator("#agents-list-available li[data-key='AGT-004']");
        await Expect(available.Locator("[data-label='activity']")).ToHaveTextAsync("متاح");
        await Expect(available.Locator("[data-label='break_reason']")).ToBeEmptyAsync();
    });

    /// <summary>The department's one agent on duty is <paramref name="agentId"/>; the others are forced offline.</summary>
    private static async Task OnlyOnDutyAsync(ApiClient api, string agentId, params string[] others)
    {
        foreach (var other in others)
        {
            (await api.PatchAsync($"/api/agents/{other}/status?status=offline")).Expect(HttpStatusCode.OK);
        }

        (await api.PatchAsync($"/api/agents/{agentId}/status?status=available")).Expect(HttpStatusCode.OK);
    }

    /// <summary>A customer calls and is routed to a department, where the distributor offers the call.</summary>
    private static async Task<string> CallInAsync(ApiClient api, string name, string department, string? language)
    {
        var query = $"phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}&customer_name={Uri.EscapeDataString(name)}";
        var started = (await api.PostAsync($"/api/calls?{query}{(language is null ? "" : $"&language={language}")}")).Expect(HttpStatusCode.OK);
        var callId = started.Str("call_id");
        (await api.PostAsync($"/api/calls/{callId}/route", new { department })).Expect(HttpStatusCode.OK);
        return callId;
    }

    private static ILocator BoardChip(IPage board, string agentId) => board.Locator($".agent-list li[data-key='{agentId}']");

    /// <summary>A ticking duration or countdown, such as 0:14.</summary>
    [GeneratedRegex(@"^\d+:\d\d$")]
    private static partial Regex Clock();
}
