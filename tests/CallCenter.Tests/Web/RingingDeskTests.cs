using System.Net;
using System.Text.RegularExpressions;
using CallCenter.Tests.Distribution;
using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

/// <summary>
/// Issue 12 on the floor's pages: a call routed to an automatic department rings on one agent's desk, who accepts or
/// declines it, wraps it up, and takes breaks; the wallboard shows each agent's activity and the time in it.
/// Each test starts from a quiet floor with only its own agent made available, so the offer can only go to them.
/// </summary>
[Collection(AcdCollection.Name)]
public sealed partial class RingingDeskTests(AcdFixture fixture, ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly ApiClient _api = fixture.CreateApiClient();
    private AcdFloor Floor => new(_api);

    public Task InitializeAsync() => Floor.QuietAsync();

    public Task DisposeAsync()
    {
        _api.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public Task OfferRingsWithCallerDepartmentLanguageAndCountdownThenIsAcceptedWrappedUpAndFinished() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        // Billing's wrap-up is long enough to choose a disposition by hand.
        await Floor.MakeAvailableAsync("AGT-006");
        var khalid = await browser.SignInAsync("AGT-006");
        await khalid.WaitForLiveAsync();
        var board = await browser.SignInAsync("supervisor");
        await board.GotoAsync("/Wallboard");
        await board.WaitForLiveAsync();

        var callId = await CallInAsync("Offer Caller", "billing", "ar");
        var offer = khalid.Offer();
        await Expect(offer).ToBeVisibleAsync();
        await Expect(offer.Locator("[data-field='customer_name']")).ToHaveTextAsync("Offer Caller");
        await Expect(offer.Locator("[data-label='department']")).ToHaveTextAsync("Billing");
        await Expect(offer.Locator("[data-label='language']")).ToHaveTextAsync("Arabic");
        await Expect(offer.Locator("#offer-countdown")).ToHaveTextAsync(Countdown());
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        await Expect(offer).ToBeHiddenAsync();
        await Expect(khalid.MyCall(callId).Locator(".status")).ToHaveTextAsync("In progress");
        await Expect(khalid.Locator("#my-status")).ToHaveTextAsync("On a call");
        await Expect(khalid.Locator(".status-switch")).ToBeHiddenAsync();
        var chip = BoardChip(board, "AGT-006");
        await Expect(chip.Locator("[data-label='activity']")).ToHaveTextAsync("On a call");
        await Expect(chip.Locator(".wait")).ToHaveTextAsync(Clock());

        await khalid.MyCall(callId).GetByRole(AriaRole.Button, new() { Name = "End call" }).ClickAsync();
        var wrapUp = khalid.Locator("#wrap-up");
        await Expect(wrapUp).ToBeVisibleAsync();
        await Expect(wrapUp.Locator("[data-field='customer_name']")).ToHaveTextAsync("Offer Caller");
        await Expect(wrapUp.Locator("#wrap-up-countdown")).ToHaveTextAsync(Clock());
        await Expect(khalid.Locator("#my-status")).ToHaveTextAsync("Wrap-up");
        await Expect(BoardChip(board, "AGT-006").Locator("[data-label='activity']")).ToHaveTextAsync("Wrap-up");

        await wrapUp.GetByLabel("Disposition").SelectOptionAsync("escalated");
        await wrapUp.GetByRole(AriaRole.Button, new() { Name = "Save disposition" }).ClickAsync();
        await Expect(khalid.Locator("#disposition-recorded")).ToContainTextAsync("Escalated");
        Assert.Equal("escalated", (await Floor.CallAsync(callId)).Text("disposition"));

        await wrapUp.GetByRole(AriaRole.Button, new() { Name = "Finish wrap-up" }).ClickAsync();
        await Expect(wrapUp).ToBeHiddenAsync();
        await Expect(khalid.Locator("#my-status")).ToHaveTextAsync("Available");
        await Expect(BoardChip(board, "AGT-006").Locator("[data-label='activity']")).ToHaveTextAsync("Available");
    });

    [Fact]
    public Task CallerHangingUpPutsTheOpenDeskIntoWrapUpLive() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        await Floor.MakeAvailableAsync("AGT-006");
        var khalid = await browser.SignInAsync("AGT-006");
        await khalid.WaitForLiveAsync();

        var callId = await CallInAsync("Hanging Up Caller", "billing", "en");
        await khalid.Offer().GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(khalid.MyCall(callId).Locator(".status")).ToHaveTextAsync("In progress");

        // No page load this time: the wrap-up comes from the live events alone.
        (await _api.PostAsync($"/api/calls/{callId}/end")).Expect(HttpStatusCode.OK);
        var wrapUp = khalid.Locator("#wrap-up");
        await Expect(wrapUp).ToBeVisibleAsync();
        await Expect(wrapUp.Locator("[data-field='customer_name']")).ToHaveTextAsync("Hanging Up Caller");
        await Expect(wrapUp.Locator("#wrap-up-countdown")).ToHaveTextAsync(Clock());
        await Expect(khalid.MyCall(callId)).ToHaveCountAsync(0);

        await wrapUp.GetByLabel("Disposition").SelectOptionAsync("follow_up");
        await wrapUp.GetByRole(AriaRole.Button, new() { Name = "Save disposition" }).ClickAsync();
        await Expect(khalid.Locator("#disposition-recorded")).ToContainTextAsync("Follow-up");
        Assert.Equal("follow_up", (await Floor.CallAsync(callId)).Text("disposition"));
        await khalid.Locator("#wrap-up").GetByRole(AriaRole.Button, new() { Name = "Finish wrap-up" }).ClickAsync();
        await Expect(khalid.Locator("#my-status")).ToHaveTextAsync("Available");
    });

    [Fact]
    public Task UnansweredOfferKeptOverAReloadRingsOutAndTheDeskSaysWhyNoCallsCome() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        await Floor.MakeAvailableAsync("AGT-003");
        var layla = await browser.SignInAsync("AGT-003");
        await layla.WaitForLiveAsync();

        var callId = await CallInAsync("Unanswered Caller", "complaints", "en");
        await Expect(layla.Offer().Locator("[data-field='customer_name']")).ToHaveTextAsync("Unanswered Caller");

        // A reload keeps the offer: the page draws it from the agent's and the call's state, not from the event that rang.
        await layla.ReloadAsync();
        await Expect(layla.Offer().Locator("[data-field='customer_name']")).ToHaveTextAsync("Unanswered Caller");
        await Expect(layla.Locator("#my-status")).ToHaveTextAsync("Ringing");

        // Nobody answers: the server's timer settles the offer, and the desk follows its events.
        await Expect(layla.Locator("#missed")).ToBeVisibleAsync();
        await Expect(layla.Offer()).ToBeHiddenAsync();
        await Expect(layla.Locator("#my-status")).ToHaveTextAsync("Missed a call");
        await Expect(layla.QueueRow(callId)).ToContainTextAsync("Unanswered Caller");

        (await _api.PostAsync($"/api/calls/{callId}/end")).Expect(HttpStatusCode.OK);
        await layla.Locator("#missed").GetByRole(AriaRole.Button, new() { Name = "Make me available" }).ClickAsync();
        await Expect(layla.Locator("#missed")).ToBeHiddenAsync();
        await Expect(layla.Locator("#my-status")).ToHaveTextAsync("Available");
    });

    [Fact]
    public Task DeclinedOfferLeavesTheAgentMissedUntilTheyMakeThemselvesAvailableAndItRingsAgain() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        await Floor.MakeAvailableAsync("AGT-001");
        var sara = await browser.SignInAsync("AGT-001");
        await sara.WaitForLiveAsync();

        var callId = await CallInAsync("Declined Caller", "support", language: null);
        var offer = sara.Offer();
        await Expect(offer.Locator("[data-field='customer_name']")).ToHaveTextAsync("Declined Caller");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();

        await Expect(offer).ToBeHiddenAsync();
        await Expect(sara.Locator("#my-status")).ToHaveTextAsync("Missed a call");
        var missed = sara.Locator("#missed");
        await Expect(missed).ToContainTextAsync("no more calls are offered to you");
        // Nobody else is on duty: the caller waits in the queue, keeping their place.
        await Expect(sara.QueueRow(callId)).ToContainTextAsync("Declined Caller");

        await missed.GetByRole(AriaRole.Button, new() { Name = "Make me available" }).ClickAsync();
        await Expect(missed).ToBeHiddenAsync();
        await Expect(offer.Locator("[data-field='customer_name']")).ToHaveTextAsync("Declined Caller");
        await Expect(sara.QueueRow(callId)).ToHaveCountAsync(0);

        // The caller hangs up while it rings: the offer goes and Sara is ready again.
        (await _api.PostAsync($"/api/calls/{callId}/end")).Expect(HttpStatusCode.OK);
        await Expect(offer).ToBeHiddenAsync();
        await Expect(sara.Locator("#my-status")).ToHaveTextAsync("Available");
    });

    [Fact]
    public Task BreakWithAReasonShowsOnTheDeskAndOnTheArabicWallboardWithItsTime() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        await Floor.MakeAvailableAsync("AGT-004");
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

    /// <summary>A customer calls and is routed to a department, where the floor offers the call.</summary>
    private async Task<string> CallInAsync(string name, string department, string? language)
    {
        var query = $"phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}&customer_name={Uri.EscapeDataString(name)}"
            + (language is null ? "" : $"&language={language}");
        var callId = (await _api.PostAsync($"/api/calls?{query}")).Expect(HttpStatusCode.OK).Str("call_id");
        (await _api.PostAsync($"/api/calls/{callId}/route", new { department })).Expect(HttpStatusCode.OK);
        return callId;
    }

    private static ILocator BoardChip(IPage board, string agentId) => board.Locator($".agent-list li[data-key='{agentId}']");

    /// <summary>A ticking duration or countdown, such as 0:14.</summary>
    [GeneratedRegex(@"^\d+:\d\d$")]
    private static partial Regex Clock();

    /// <summary>An offer's countdown: within the ring timeout, not yet run out.</summary>
    [GeneratedRegex(@"^0:0[1-5]$")]
    private static partial Regex Countdown();
}
