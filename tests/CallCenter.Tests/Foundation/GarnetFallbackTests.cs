using System.Net;
using CallCenter.Tests.Infrastructure;
using StackExchange.Redis;

namespace CallCenter.Tests.Foundation;

/// <summary>
/// A machine without redis-server gets Garnet. This one has redis-server, so the test asks for Garnet outright:
/// everything after the choice is the same code path.
/// </summary>
public sealed class GarnetFallbackTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartWithGarnetServesApiHealthAndPubSub()
    {
        await using var app = await CallCenterApp
            .StartAsync(apiReplicas: 1, settings: ["--Infrastructure:UseGarnet=true"])
            .WaitAsync(CallCenterApp.StartTimeout + Timeout);
        using var timeout = new CancellationTokenSource(Timeout);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(await app.GetConnectionStringAsync("redis")).WaitAsync(timeout.Token);
        var info = (string?)await redis.GetDatabase().ExecuteAsync("INFO", "server").WaitAsync(timeout.Token);
        Assert.Contains("garnet_version", info, StringComparison.OrdinalIgnoreCase);

        var channel = RedisChannel.Literal($"tests:{Guid.NewGuid():N}");
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await redis.GetSubscriber().SubscribeAsync(channel, (_, message) => received.TrySetResult(message!)).WaitAsync(timeout.Token);
        Assert.Equal(1, await redis.GetSubscriber().PublishAsync(channel, "call:new").WaitAsync(timeout.Token));
        Assert.Equal("call:new", await received.Task.WaitAsync(timeout.Token));

        // The API's shared rate limits lease permits with INCRBY and let the window's key expire: Garnet must take both.
        var window = $"tests:rate:{Guid.NewGuid():N}";
        Assert.Equal(64, await redis.GetDatabase().StringIncrementAsync(window, 64).WaitAsync(timeout.Token));
        Assert.Equal(65, await redis.GetDatabase().StringIncrementAsync(window, 1).WaitAsync(timeout.Token));
        Assert.True(await redis.GetDatabase().KeyExpireAsync(window, TimeSpan.FromMinutes(2)).WaitAsync(timeout.Token));
        Assert.NotNull(await redis.GetDatabase().KeyTimeToLiveAsync(window).WaitAsync(timeout.Token));

        using var http = app.CreateHttpClient("api");
        using var health = await http.GetAsync("/health", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
