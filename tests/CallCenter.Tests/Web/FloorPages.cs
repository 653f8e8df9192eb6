using Microsoft.Playwright;

namespace CallCenter.Tests.Web;

/// <summary>What the tests do on the floor's pages, in the words a person would use.</summary>
internal static class FloorPages
{
    private static readonly TimeSpan CustomerLineTimeout = TimeSpan.FromSeconds(45);

    /// <summary>Calls in as a customer from the customer line and returns the new call's id.</summary>
    public static async Task<string> CallInAsync(this IPage page, string name, string department, string? firstWords = null)
    {
        await page.GotoAsync("/CustomerLine");
        await page.GetByLabel("Phone number").FillAsync(Infrastructure.ApiClient.NewSaudiMobile());
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("What is it about?").SelectOptionAsync(department);
        if (firstWords is not null)
        {
            await page.GetByLabel("First words (optional)").FillAsync(firstWords);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Call", Exact = true }).ClickAsync();
        // The page makes up to three writes (start, route, first words), each answered once its event is numbered or
        // after Realtime:NumberingTimeout (5 s): under the whole suite's load this step twice took over 15 s.
        // What the tests need is the call page live, so that is what this waits for, not its load event: once (stop 34)
        // the call page had committed and Chromium reported its network idle, yet load did not fire within 45 s.
        await page.WaitForURLAsync(
            "**/CustomerLine/CALL-*",
            new() { Timeout = (float)CustomerLineTimeout.TotalMilliseconds, WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("#live-status"))
            .ToHaveAttributeAsync("data-state", "live", new() { Timeout = (float)CustomerLineTimeout.TotalMilliseconds });
        return page.Url[(page.Url.LastIndexOf('/') + 1)..];
    }

    /// <summary>Waits until the page's live connection is up, so what happens next reaches it as an event.</summary>
    public static Task WaitForLiveAsync(this IPage page) =>
        Assertions.Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-state", "live");

    /// <summary>Types into the call's box and sends it with Enter, as a person in a chat would.</summary>
    public static async Task SayAsync(this IPage page, string text)
    {
        var box = page.Locator("#say-content");
        await box.FillAsync(text);
        await box.PressAsync("Enter");
        await Assertions.Expect(box).ToHaveValueAsync("");
    }

    public static ILocator Message(this IPage page, string text) =>
        page.Locator("#transcript li.message").Filter(new() { HasText = text });

    public static ILocator QueueRow(this IPage page, string callId) => page.Locator($"#queue tr[data-key='{callId}']");

    public static ILocator MyCall(this IPage page, string callId) => page.Locator($"#my-calls li[data-key='{callId}']");

    /// <summary>The call ringing on an agent's desk as an offer, with its Accept and Decline.</summary>
    public static ILocator Offer(this IPage page) => page.Locator("#offer");
}
