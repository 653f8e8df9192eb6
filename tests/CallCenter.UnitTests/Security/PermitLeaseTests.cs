using CallCenter.ApiService.Security;
using CsCheck;

namespace CallCenter.UnitTests.Security;

/// <summary>The shared rate limit's arithmetic, without Redis: leases never admit more than the limit.</summary>
public sealed class PermitLeaseTests
{
    [Fact]
    public void LeasesFromAnyReplicasInAnyOrderGrantExactlyTheLimitAndNoMore() =>
        Gen.Select(Gen.Int[1, 5_000], Gen.Int[1, 200].Array[1, 400]).Sample((limit, asks) =>
        {
            long counted = 0;
            long granted = 0;
            foreach (var asked in asks)
            {
                counted += asked;
                var grant = PermitLease.Granted(asked, counted, limit);
                Assert.InRange(grant, 0, asked);
                granted += grant;
            }

            Assert.Equal(Math.Min(limit, asks.Sum(ask => (long)ask)), granted);
        });

    [Fact]
    public void ALeaseIsAtLeastWhatIsWantedAtMostAChunkAndShrinksAsTheBudgetRunsOut() =>
        Gen.Select(Gen.Int[1, 10_000_000], Gen.Long[0, 10_000_000], Gen.Long[0, 10_000_000]).Sample((limit, used, more) =>
        {
            var size = PermitLease.Size(limit, used, wanted: 1);
            Assert.InRange(size, 1, PermitLease.MaxChunk);
            Assert.True(PermitLease.Size(limit, used + more, wanted: 1) <= size);
        });

    [Theory]
    [InlineData(30, 0, 3)]
    [InlineData(30, 20, 1)]
    [InlineData(1_000, 0, 64)]
    [InlineData(1_000, 900, 12)]
    [InlineData(1_000, 1_000, 1)]
    public void LeaseSizes(int limit, long used, int expected) =>
        Assert.Equal(expected, PermitLease.Size(limit, used, wanted: 1));

    [Fact]
    public void TheWindowIsTheMinuteAndEndsWithinIt() =>
        Gen.Long[0, 4_000_000_000_000].Sample(milliseconds =>
        {
            var now = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            var left = PermitLease.UntilWindowEnds(now);
            Assert.InRange(left, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
            Assert.Equal(PermitLease.WindowOf(now) + 1, PermitLease.WindowOf(now + left));
        });
}
