using CallCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Tests.Web;

/// <summary>An admin registers a webhook from its page, sees the secret once, reads the delivery log and disables it.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class WebhooksPageTests(CallCenterFixture fixture, ChromiumFixture chromium)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public Task AdminRegistersAnEndpointReadsItsDeliveriesAndDisablesIt() => FloorBrowser.RunAsync(fixture, chromium, async browser =>
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await browser.SignInAsync("admin");
        await admin.GotoAsync("/Webhooks");

        await admin.GetByLabel("URL").FillAsync("http://10.0.0.9/hook");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await Expect(admin.Locator("[data-valmsg-for='Input.Url']")).ToContainTextAsync("private");

        await admin.GetByLabel("URL").FillAsync(receiver.Url.AbsoluteUri);
        await admin.GetByLabel("Event types (comma separated, * for all)").FillAsync("call:new");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        var secret = (await admin.Locator("#webhook-secret").TextContentAsync())!.Trim();
        Assert.StartsWith("whsec_", secret);
        receiver.Secrets.Add(secret);

        using var api = fixture.CreateApiClient();
        (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}")).Expect(System.Net.HttpStatusCode.OK);
        await receiver.WaitUntilAsync(r => r.Accepted.Count >= 1, Deadline, "the call:new");
        Assert.True(receiver.Received[0].Verified);

        await admin.GotoAsync("/Webhooks");
        var row = admin.Locator("#webhooks tr", new() { HasText = receiver.Url.AbsoluteUri });
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(admin.Locator($"#deliveries tr[data-event-id='{receiver.Accepted[0]}']")).ToContainTextAsync("delivered");

        await admin.GotoAsync("/Webhooks");
        await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Disabled");
    });
}
