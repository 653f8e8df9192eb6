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

    [Fact]
    public void LeasesAheadOnlyWhileFullChunksAreLeft()
    {
        var small = new LeasedAllowance(limit: 40);
        small.Take(Minute, 1);
        var (window, asked) = small.NextLease(1);
        small.Leased(window, asked, usedAfter: asked);
        Assert.All(Enumerable.Range(0, asked), _ =>
        {
            Assert.Equal(Decision.Admit, small.Take(Minute, 1));
            Assert.False(small.RunningLow);
        });

        // 1,000 a minute: ahead while 512 or more were left at the last lease, not after.
        var large = new LeasedAllowance(limit: 1_000);
        large.Take(Minute, 1);
        (window, asked) = large.NextLease(1);
        large.Leased(window, asked, usedAfter: 488);
        while (!large.RunningLow)
        {
            Assert.Equal(Decision.Admit, large.Take(Minute, 1));
        }

        (window, asked) = large.NextLease(1);
        Assert.Equal(PermitLease.MaxChunk, asked);

        // Redis counted 489 once this lease was added (others' leases came back short): 511 left, one under the line.
        large.Leased(window, asked, usedAfter: 489);
        while (large.Take(Minute, 1) == Decision.Admit)
        {
            Assert.False(large.RunningLow);
        }
    }

    [Fact]
    public void NoReplicaStacksSmallChunksSoFewPermitsAreHeldBackAtTheBudgetsEnd() =>
        Gen.Select(Gen.Int[1, 3_000], Gen.Int[1, 4], Gen.Select(Gen.Int[0, 3], Gen.Bool).Array[1, 4_000]).Sample((limit, replicas, turns) =>
        {
            var shares = Enumerable.Range(0, replicas).Select(_ => new LeasedAllowance(limit)).ToArray();
            var held = new int[replicas];
            long counted = 0;
            void Lease(int replica)
            {
                var (window, asked) = shares[replica].NextLease(1);
                counted += asked;
                shares[replica].Leased(window, asked, counted);

                // A chunk smaller than a full one is leased only once the one before it is spent.
                Assert.True(asked == PermitLease.MaxChunk || held[replica] == 0, $"{held[replica]} held when {asked} more were leased");
                held[replica] += PermitLease.Granted(asked, counted, limit);
            }

            foreach (var (turn, aheadOfTime) in turns)
            {
                var replica = turn % replicas;
                var decision = shares[replica].Take(Minute, 1);
                if (decision == Decision.Lease)
                {
                    Lease(replica);
                    decision = shares[replica].Take(Minute, 1);
                }

                held[replica] -= decision == Decision.Admit ? 1 : 0;
                if (aheadOfTime && shares[replica].RunningLow)
                {
                    Lease(replica);
                }
            }
        });
}
