using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

[Collection(CallCenterCollection.Name)]
public sealed class CallPageTests(CallCenterFixture fixture, ChromiumFixture chromium)
{
    private const string ArabicGreeting = "مرحبا، عندي مشكلة في الفاتورة";
    private const string ArabicQuestion = "هل يمكنك مساعدتي اليوم؟";
    private const string ArabicReply = "أهلاً بك، سأساعدك الآن";

    [Fact]
    public Task ArabicMessagesShowRightToLeftOnTheCallPage() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        var customer = await browser.SignInAsync("supervisor");
        var callId = await customer.CallInAsync("عميل الاختبار", "sales", ArabicGreeting);

        var agent = await browser.SignInAsync("AGT-005");
        await agent.GetByRole(AriaRole.Button, new() { Name = "العربية" }).ClickAsync();
        await Expect(agent.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(agent.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await agent.GotoAsync($"/Calls/{callId}");
        await agent.WaitForLiveAsync();

        var greeting = agent.Message(ArabicGreeting).Locator(".content");
        await Expect(greeting).ToHaveAttributeAsync("dir", "auto");
        await Expect(greeting).ToHaveCSSAsync("direction", "rtl");

        // Said while the agent watches: it arrives live, right to left; an English line stays left to right.
        await customer.SayAsync(ArabicQuestion);
        await Expect(agent.Message(ArabicQuestion).Locator(".content")).ToHaveCSSAsync("direction", "rtl");
        await customer.SayAsync("My invoice number is 12345");
        await Expect(agent.Message("My invoice number is 12345").Locator(".content")).ToHaveCSSAsync("direction", "ltr");

        await agent.SayAsync(ArabicReply);
        await Expect(customer.Message(ArabicReply).Locator(".content")).ToHaveCSSAsync("direction", "rtl");
        await Expect(customer.Message(ArabicReply).Locator(".speaker")).ToHaveTextAsync("Agent");
        await Expect(agent.Message(ArabicReply).Locator(".speaker")).ToHaveTextAsync("الموظف");
        await Expect(agent.Locator("#transcript li.message")).ToHaveCountAsync(4);
    });

    [Fact]
    public Task ScriptInMessagesIsShownAsText() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        const string Script = "<img src=x onerror=\"document.body.dataset.hacked=1\"><b>bold</b>";
        var customer = await browser.SignInAsync("supervisor");
        var callId = await customer.CallInAsync("<script>alert(1)</script>", "sales");
        var agent = await browser.SignInAsync("AGT-004");
        await agent.GotoAsync($"/Calls/{callId}");
        await agent.WaitForLiveAsync();

        await customer.SayAsync(Script);

        await Expect(agent.Message("bold").Locator(".content")).ToHaveTextAsync(Script);
        await Expect(agent.Locator("h1")).ToContainTextAsync("<script>alert(1)</script>");
        await Expect(agent.Locator("#transcript img, #transcript b")).ToHaveCountAsync(0);
        await Expect(agent.Locator("body")).Not.ToHaveAttributeAsync("data-hacked", "1");
    });
}
