using CallCenter.ApiService.Security;
using CsCheck;
using static CallCenter.ApiService.Security.LeasedAllowance;

namespace CallCenter.UnitTests.Security;

/// <summary>One replica's share of a shared per-minute budget, with Redis played by a counter.</summary>
public sealed class LeasedAllowanceTests
{
    private static readonly DateTimeOffset Minute = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AdmitsFromItsLeaseAndAsksForMoreOnlyWhenItIsSpent()
    {
        var allowance = new LeasedAllowance(limit: 30);
        Assert.Equal(Decision.Lease, allowance.Take(Minute, 1));
        var (window, asked) = allowance.NextLease(1);
        allowance.Leased(window, asked, usedAfter: asked);

        Assert.All(Enumerable.Range(0, asked), _ => Assert.Equal(Decision.Admit, allowance.Take(Minute, 1)));
        Assert.Equal(Decision.Lease, allowance.Take(Minute, 1));
    }

    [Fact]
    public void RefusesUntilTheMinuteEndsOnceRedisSaysTheBudgetIsSpent()
    {
        var allowance = new LeasedAllowance(limit: 30);
        allowance.Take(Minute, 1);
        var (window, asked) = allowance.NextLease(1);
        allowance.Leased(window, asked, usedAfter: 30 + asked);

        Assert.Equal(Decision.Refuse, allowance.Take(Minute.AddSeconds(59), 1));
        Assert.Equal(Decision.Lease, allowance.Take(Minute.AddMinutes(1), 1));
    }

    [Fact]
    public void ALeaseThatComesBackAfterTheMinuteTurnedIsDroppedAndAskedAgainNotRefused()
    {
        var allowance = new LeasedAllowance(limit: 10_000_000);
        allowance.Take(Minute.AddSeconds(59.9), 1);
        var (oldWindow, asked) = allowance.NextLease(1);

        // The minute turns while Redis answers.
        Assert.Equal(Decision.Lease, allowance.Take(Minute.AddMinutes(1), 1));
        allowance.Leased(oldWindow, asked, usedAfter: asked);

        Assert.Equal(Decision.Lease, allowance.Take(Minute.AddMinutes(1), 1));
    }

    [Fact]
    public void ReplicasSharingOneCounterNeverAdmitMoreThanTheLimitInAMinute() =>
        Gen.Select(Gen.Int[1, 500], Gen.Int[1, 4], Gen.Int[0, 3].Array[1, 2_000]).Sample((limit, replicas, turns) =>
        {
            var shares = Enumerable.Range(0, replicas).Select(_ => new LeasedAllowance(limit)).ToArray();
            long counted = 0;
            var admitted = 0;
            foreach (var turn in turns)
            {
                var share = shares[turn % replicas];
                var decision = share.Take(Minute, 1);
                if (decision == Decision.Lease)
                {
                    var (window, asked) = share.NextLease(1);
                    counted += asked;
                    share.Leased(window, asked, counted);
                    decision = share.Take(Minute, 1);
                }

                admitted += decision == Decision.Admit ? 1 : 0;
            }

            Assert.InRange(admitted, 0, limit);
        });

    [Fact]
    public void LeasesAheadOnceHalfAChunkIsLeftButNotOnceRedisSaidTheBudgetIsSpent()
    {
        var allowance = new LeasedAllowance(limit: 10_000_000);
        Assert.False(allowance.RunningLow);
        allowance.Take(Minute, 1);
        var (window, asked) = allowance.NextLease(1);
        allowance.Leased(window, asked, usedAfter: asked);
        Assert.Equal(PermitLease.MaxChunk, asked);

        var admittedBeforeRunningLow = 0;
        while (!allowance.RunningLow)
        {
            Assert.Equal(Decision.Admit, allowance.Take(Minute, 1));
            admittedBeforeRunningLow++;
        }

        Assert.Equal(PermitLease.MaxChunk - PermitLease.LeaseAheadBelow + 1, admittedBeforeRunningLow);

        var spent = new LeasedAllowance(limit: 100);
        spent.Take(Minute, 1);
        (window, asked) = spent.NextLease(1);
        spent.Leased(window, asked, usedAfter: 100 + asked);
        Assert.False(spent.RunningLow);
    }

    [Fact]
    public void LeasingAheadNeverLetsReplicasAdmitMoreThanTheLimitInAMinute() =>
        Gen.Select(Gen.Int[1, 2_000], Gen.Int[1, 4], Gen.Select(Gen.Int[0, 3], Gen.Bool).Array[1, 3_000]).Sample((limit, replicas, turns) =>
        {
            var shares = Enumerable.Range(0, replicas).Select(_ => new LeasedAllowance(limit)).ToArray();
            long counted = 0;
            var admitted = 0;
            void Lease(LeasedAllowance share)
            {
                var (window, asked) = share.NextLease(1);
                counted += asked;
                share.Leased(window, asked, counted);
            }

            foreach (var (turn, aheadOfTime) in turns)
            {
                var share = shares[turn % replicas];
                var decision = share.Take(Minute, 1);
                if (decision == Decision.Lease)
                {
                    Lease(share);
                    decision = share.Take(Minute, 1);
                }

                if (aheadOfTime && share.RunningLow)
                {
                    Lease(share);
                }

                admitted += decision == Decision.Admit ? 1 : 0;
            }

            Assert.InRange(admitted, 0, limit);
        });
}
