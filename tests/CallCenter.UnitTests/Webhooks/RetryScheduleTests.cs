using System.Net.Http.Headers;
using CallCenter.ApiService.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace CallCenter.UnitTests.Webhooks;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DefaultDelaysAreTheStandardWebhooksSchedule()
    {
        TimeSpan[] spec =
        [
            TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
            TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
        ];

        Assert.Equal(spec, new WebhookOptions().Delays);
        Assert.Equal(TimeSpan.FromDays(5), new WebhookOptions().DisableAfter);
        Assert.Equal(TimeSpan.FromHours(24), new WebhookOptions().SecretGracePeriod);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 5 * 60)]
    [InlineData(3, 30 * 60)]
    [InlineData(4, 2 * 3600)]
    [InlineData(5, 5 * 3600)]
    [InlineData(6, 10 * 3600)]
    [InlineData(7, 10 * 3600)]
    [InlineData(8, 10 * 3600)]
    [InlineData(50, 10 * 3600)]
    public void DelayAfterEachFailureStaysWithinTheJitterOfItsPlannedDelay(int failures, int plannedSeconds)
    {
        var schedule = Schedule(new Random(failures));
        var planned = TimeSpan.FromSeconds(plannedSeconds);

        var delays = Enumerable.Range(0, 500).Select(_ => schedule.DelayAfter(failures, retryAfter: null)).ToList();

        Assert.All(delays, delay => Assert.InRange(delay, planned * (1 - RetrySchedule.Jitter), planned * (1 + RetrySchedule.Jitter)));
        // Spread, not one fixed offset: endpoints that failed together retry apart.
        Assert.True(delays.Distinct().Count() > 400);
        Assert.Contains(delays, delay => delay < planned);
        Assert.Contains(delays, delay => delay > planned);
    }

    [Fact]
    public void RetryAfterLongerThanThePlannedDelayIsHonoured()
    {
        var schedule = Schedule(new Random(1));

        Assert.Equal(TimeSpan.FromMinutes(10), schedule.DelayAfter(1, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void RetryAfterShorterThanThePlannedDelayDoesNotHurryTheRetry()
    {
        var schedule = Schedule(new Random(1));

        Assert.InRange(schedule.DelayAfter(2, TimeSpan.FromSeconds(1)), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
    }

    [Fact]
    public void NextAttemptIsCountedFromTheClock()
    {
        var clock = new FakeTimeProvider(Now);
        var schedule = new RetrySchedule([TimeSpan.FromSeconds(5)], clock, new Random(3));

        var next = schedule.NextAttemptAt(1, retryAfter: null);

        Assert.InRange(next, Now.AddSeconds(4), Now.AddSeconds(6));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.InRange(schedule.NextAttemptAt(1, retryAfter: null), Now.AddHours(1).AddSeconds(4), Now.AddHours(1).AddSeconds(6));
    }

    [Fact]
    public void AnEndpointFailingLongerThanTheLimitIsGivenUpOnAndNotBefore()
    {
        var clock = new FakeTimeProvider(Now);
        var schedule = new RetrySchedule([TimeSpan.FromSeconds(5)], clock, new Random(3));
        var failingSince = Now;

        clock.Advance(TimeSpan.FromDays(5) - TimeSpan.FromSeconds(1));
        Assert.False(schedule.FailedTooLong(failingSince, TimeSpan.FromDays(5)));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(schedule.FailedTooLong(failingSince, TimeSpan.FromDays(5)));
    }

    [Fact]
    public void RetryAfterIsReadAsSecondsOrAsADate()
    {
        var clock = new FakeTimeProvider(Now);
        var schedule = new RetrySchedule([TimeSpan.FromSeconds(5)], clock, new Random(3));

        Assert.Equal(TimeSpan.FromSeconds(120), schedule.RetryAfter(RetryConditionHeaderValue.Parse("120")));
        Assert.Equal(TimeSpan.FromMinutes(3), schedule.RetryAfter(new RetryConditionHeaderValue(Now.AddMinutes(3))));
        Assert.Equal(TimeSpan.Zero, schedule.RetryAfter(new RetryConditionHeaderValue(Now.AddMinutes(-3))));
        Assert.Null(schedule.RetryAfter(null));
    }

    private static RetrySchedule Schedule(Random random) => new(new WebhookOptions().Delays, new FakeTimeProvider(Now), random);
}
