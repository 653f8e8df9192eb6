using System.Net;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Webhooks;
using Microsoft.Extensions.Options;

namespace CallCenter.UnitTests.Webhooks;

public sealed class TargetAddressTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    public void LoopbackPrivateLinkLocalAndMetadataAddressesAreRefused(string address) =>
        Assert.True(TargetAddress.IsRefused(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("192.169.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:8.8.8.8")]
    public void InternetAddressesAreAllowed(string address) => Assert.True(TargetAddress.IsInternet(IPAddress.Parse(address)));

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("/relative/hook")]
    [InlineData("example.com/hook")]
    [InlineData("https://user:password@example.com/hook")]
    [InlineData("https://example.com/hook#part")]
    [InlineData("javascript:alert(1)")]
    public void MalformedUrlsAreRefusedNamingUrl(string url) =>
        AssertRefusesUrl(() => WebhookTarget.Parse(url));

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("http://localhost/hook")]
    public async Task UrlsReachingInsideAreRefusedNamingUrl(string url)
    {
        var target = new WebhookTarget(Options.Create(new WebhookOptions()));

        await AssertRefusesUrlAsync(() => target.CheckAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task AnAllowListedHostIsAcceptedThoughItIsLoopback()
    {
        var target = new WebhookTarget(Options.Create(new WebhookOptions { AllowedHosts = ["127.0.0.1"] }));

        var checkedUrl = await target.CheckAsync("http://127.0.0.1:5055/hook", CancellationToken.None);

        Assert.Equal("http://127.0.0.1:5055/hook", checkedUrl.AbsoluteUri);
        await AssertRefusesUrlAsync(() => target.CheckAsync("http://127.0.0.2:5055/hook", CancellationToken.None));
    }

    [Fact]
    public async Task AnInternetAddressIsAccepted()
    {
        var target = new WebhookTarget(Options.Create(new WebhookOptions()));

        Assert.Equal("https://8.8.8.8/hook", (await target.CheckAsync("https://8.8.8.8/hook", CancellationToken.None)).AbsoluteUri);
    }

    private static void AssertRefusesUrl(Action check)
    {
        var refused = Assert.Throws<ApiProblemException>(check);
        Assert.Equal(400, refused.StatusCode);
        Assert.Equal([WebhookTarget.UrlField], refused.Errors!.Keys);
    }

    private static async Task AssertRefusesUrlAsync(Func<Task> check)
    {
        var refused = await Assert.ThrowsAsync<ApiProblemException>(check);
        Assert.Equal(400, refused.StatusCode);
        Assert.Equal([WebhookTarget.UrlField], refused.Errors!.Keys);
    }
}
