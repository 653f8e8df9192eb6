using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

[Collection(CallCenterCollection.Name)]
public sealed class AgentDeskTests(CallCenterFixture fixture, ChromiumFixture chromium)
{
    [Fact]
    public Task CustomerCallReachesDeskLiveAndIsAnsweredTransferredEnded() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var sara = await browser.SignInAsync("AGT-001");
        var omar = await browser.SignInAsync("AGT-002");
        await sara.WaitForLiveAsync();
        await omar.WaitForLiveAsync();

        // Another person calls in; Sara's desk shows the call in the queue without a reload.
        var customer = await browser.SignInAsync("supervisor");
        var callId = await customer.CallInAsync("Desk Test Caller", "support");
        var waiting = sara.QueueRow(callId);
        await Expect(waiting).ToContainTextAsync("Desk Test Caller");
        await Expect(waiting.Locator(".wait")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+:\d\d$"));
        await Expect(omar.QueueRow(callId)).ToBeVisibleAsync();

        await waiting.GetByRole(AriaRole.Button, new() { Name = "Answer" }).ClickAsync();
        var onCall = sara.MyCall(callId);
        await Expect(onCall.Locator(".status")).ToHaveTextAsync("In progress");
        await Expect(sara.QueueRow(callId)).ToHaveCountAsync(0);
        await Expect(omar.QueueRow(callId)).ToHaveCountAsync(0);
        await Expect(customer.Locator("#caller-status")).ToHaveTextAsync("In progress");
        await Expect(customer.Locator("#caller-agent")).ToHaveTextAsync("AGT-001");

        await onCall.GetByLabel("or to agent").SelectOptionAsync("AGT-002");
        await onCall.GetByRole(AriaRole.Button, new() { Name = "Transfer", Exact = true }).ClickAsync();
        await Expect(sara.MyCall(callId)).ToHaveCountAsync(0);

        // Omar is available, so the transfer rings on his desk as an offer.
        var transferred = omar.Offer();
        await Expect(transferred.Locator("[data-field='customer_name']")).ToHaveTextAsync("Desk Test Caller");
        await Expect(omar.MyCall(callId)).ToHaveCountAsync(0);
        await transferred.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(omar.MyCall(callId).Locator(".status")).ToHaveTextAsync("In progress");
        await Expect(customer.Locator("#caller-agent")).ToHaveTextAsync("AGT-002");

        await omar.MyCall(callId).GetByRole(AriaRole.Button, new() { Name = "End call" }).ClickAsync();
        await Expect(omar.MyCall(callId)).ToHaveCountAsync(0);
        await Expect(customer.Locator("#caller-status")).ToHaveTextAsync("Ended");
        await Expect(customer.Locator("#say-form")).ToBeHiddenAsync();
    });

    [Fact]
    public Task AgentStatusSwitchShowsOnTheDeskAndTheWallboard() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var khalid = await browser.SignInAsync("AGT-006");
        var board = await browser.SignInAsync("supervisor");
        await board.GotoAsync("/Wallboard");
        await board.WaitForLiveAsync();
        var status = khalid.Locator("#my-status");

        foreach (var (value, words, list) in new[] { ("on_break", "On break", "on_break"), ("available", "Available", "available") })
        {
            await khalid.Locator($".status-switch button[value='{value}']").ClickAsync();
            await Expect(status).ToHaveTextAsync(words);
            await Expect(khalid.Locator($".status-switch button[value='{value}']")).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(board.Locator($"#agents-list-{list} li[data-key='AGT-006']")).ToBeVisibleAsync();
        }
    });
}
