using CallCenter.Tests.Infrastructure;
using StackExchange.Redis;

namespace CallCenter.Tests.Foundation;

[Collection(CallCenterCollection.Name)]
public sealed class RedisPubSubTests(CallCenterFixture fixture)
{
    [Fact]
    public async Task PublishReachesSubscriber()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await fixture.App.GetConnectionStringAsync("redis"));
        var channel = RedisChannel.Literal($"tests:{Guid.NewGuid():N}");
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await redis.GetSubscriber().SubscribeAsync(channel, (_, message) => received.TrySetResult(message!));

        var receivers = await redis.GetSubscriber().PublishAsync(channel, "call:new");

        Assert.Equal(1, receivers);
        Assert.Equal("call:new", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
