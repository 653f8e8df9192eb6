using CallCenter.ApiService.Stats;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace CallCenter.UnitTests.Stats;

/// <summary>When a replica tries to push the floor's figures: only after a floor event, and an interval apart.</summary>
public sealed class StatsPushScheduleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    [Fact]
    public void AQuietFloorNeverPushes()
    {
        var schedule = new StatsPushSchedule(Interval, _clock);
        Assert.Null(schedule.Wait());

        schedule.Pushed(12, Now);
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(schedule.Wait());
    }

    [Fact]
    public void TheFirstFloorEventPushesAtOnce()
    {
        var schedule = new StatsPushSchedule(Interval, _clock);
        schedule.Saw(3);
        Assert.Equal(TimeSpan.Zero, schedule.Wait());
    }

    [Fact]
    public void AnEventSoonAfterAPushWaitsOutTheInterval()
    {
        var schedule = new StatsPushSchedule(Interval, _clock);
        schedule.Pushed(5, Now);
        _clock.Advance(TimeSpan.FromMilliseconds(400));
        schedule.Saw(6);

        Assert.Equal(TimeSpan.FromMilliseconds(600), schedule.Wait());
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal(TimeSpan.Zero, schedule.Wait());
    }

    [Fact]
    public void AnEventAnotherReplicasPushCoveredNeedsNoPushHere()
    {
        var schedule = new StatsPushSchedule(Interval, _clock);
        schedule.Saw(7);
        schedule.Pushed(9, Now);

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(schedule.Wait());
        schedule.Saw(8);
        Assert.Null(schedule.Wait());
    }

    [Fact]
    public void AnOlderPushNeverMovesTheLastOneBack()
    {
        var schedule = new StatsPushSchedule(Interval, _clock);
        schedule.Pushed(9, Now);
        schedule.Pushed(4, Now - TimeSpan.FromSeconds(5));
        schedule.Saw(10);

        Assert.Equal((9L, Now), (schedule.CoveredEventId, schedule.LastPushAt));
        Assert.Equal(Interval, schedule.Wait());
    }

    /// <summary>
    /// Two replicas see the same events at random moments and push whenever their schedule says so, through one shared
    /// "last push" that, like the claim in PostgreSQL, refuses a push an interval too soon or covering nothing new:
    /// pushes are an interval apart, and once the floor is quiet the last event is covered.
    /// </summary>
    [Fact]
    public void ReplicasSharingTheLastPushPushAnIntervalApartAndCoverEveryEvent() =>
        Gen.Int[1, 900].Array[1, 40].Sample(gaps =>
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
            var replicas = new[] { new StatsPushSchedule(Interval, clock), new StatsPushSchedule(Interval, clock) };
            var shared = (Covered: 0L, At: DateTime.MinValue);
            var pushes = new List<DateTime>();
            void Step()
            {
                foreach (var replica in replicas)
                {
                    if (replica.Wait() == TimeSpan.Zero)
                    {
                        var now = clock.GetUtcNow().UtcDateTime;
                        if (shared.Covered < replica.SeenEventId && (shared.At == DateTime.MinValue || shared.At <= now - Interval))
                        {
                            shared = (replica.SeenEventId, now);
                            pushes.Add(now);
                        }

                        replica.Pushed(shared.Covered, shared.At);
                    }
                }
            }

            for (var id = 1; id <= gaps.Length; id++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(gaps[id - 1]));
                Array.ForEach(replicas, replica => replica.Saw(id));
                Step();
            }

            for (var tick = 0; tick < 20; tick++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
                Step();
            }

            Assert.All(pushes.Zip(pushes.Skip(1)), pair => Assert.True(pair.Second - pair.First >= Interval));
            Assert.Equal(gaps.Length, shared.Covered);
            Assert.All(replicas, replica => Assert.Null(replica.Wait()));
        });
}
