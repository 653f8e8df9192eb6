using CallCenter.ApiService.Calls;
using CsCheck;

namespace CallCenter.UnitTests.Calls;

/// <summary>The life of a call as a table of moves: what may follow what, and where a call stops for good.</summary>
public sealed class CallStatusTests
{
    private static readonly string[] Every =
    [
        CallStatus.Initiated, CallStatus.Queued, CallStatus.Ringing, CallStatus.InProgress,
        CallStatus.OnHold, CallStatus.Ended, CallStatus.Abandoned,
    ];

    private static readonly Gen<string> Status = Gen.Int[0, Every.Length - 1].Select(index => Every[index]);

    [Fact]
    public void FinalStatusesGoNowhere()
    {
        Assert.Equal([CallStatus.Ended, CallStatus.Abandoned], CallStatus.Final);
        foreach (var final in CallStatus.Final)
        {
            Assert.True(CallStatus.IsFinal(final));
            Assert.Empty(CallStatus.NextFrom(final));
            Assert.All(Every, to => Assert.False(CallStatus.CanMove(final, to), $"{final} → {to}"));
        }
    }

    [Fact]
    public void EveryStatusThatIsNotFinalCanStillMove() =>
        Assert.All(Every.Where(status => !CallStatus.IsFinal(status)), status => Assert.NotEmpty(CallStatus.NextFrom(status)));

    [Fact]
    public void NextFromAgreesWithCanMoveOverEveryPair() =>
        Gen.Select(Status, Status).Sample((from, to) =>
            Assert.Equal(CallStatus.NextFrom(from).Contains(to), CallStatus.CanMove(from, to)));

    [Fact]
    public void NextFromAgreesWithCanMoveOverAllPairsExhaustively()
    {
        // Seven statuses make 49 pairs: cheap enough to check them all, not just a sample.
        foreach (var from in Every)
        {
            foreach (var to in Every)
            {
                Assert.Equal(CallStatus.NextFrom(from).Contains(to), CallStatus.CanMove(from, to));
            }
        }
    }

    [Fact]
    public void NoStatusMovesToItself() => Assert.All(Every, status => Assert.False(CallStatus.CanMove(status, status)));

    [Fact]
    public void EveryMoveLeadsToAKnownStatus() =>
        Assert.All(Every, from => Assert.All(CallStatus.NextFrom(from), to => Assert.Contains(to, Every)));

    [Fact]
    public void TheSeedsHappyPathIsAllowed()
    {
        string[] path = [CallStatus.Initiated, CallStatus.Queued, CallStatus.Ringing, CallStatus.InProgress, CallStatus.OnHold, CallStatus.InProgress, CallStatus.Ended];
        for (var step = 1; step < path.Length; step++)
        {
            Assert.True(CallStatus.CanMove(path[step - 1], path[step]), $"{path[step - 1]} → {path[step]}");
        }
    }

    /// <summary>A caller may hang up before an answer and an answered call may go back to the queue; an ended call stays ended.</summary>
    [Theory]
    [InlineData(CallStatus.Initiated, CallStatus.Abandoned, true)]
    [InlineData(CallStatus.Queued, CallStatus.Abandoned, true)]
    [InlineData(CallStatus.Ringing, CallStatus.Queued, true)]
    [InlineData(CallStatus.InProgress, CallStatus.Queued, true)]
    [InlineData(CallStatus.OnHold, CallStatus.Queued, true)]
    [InlineData(CallStatus.Ended, CallStatus.InProgress, false)]
    [InlineData(CallStatus.Abandoned, CallStatus.Queued, false)]
    [InlineData(CallStatus.Ended, CallStatus.Abandoned, false)]
    [InlineData(CallStatus.InProgress, CallStatus.Abandoned, false)]
    [InlineData(CallStatus.OnHold, CallStatus.Abandoned, false)]
    [InlineData(CallStatus.InProgress, CallStatus.Ringing, false)]
    [InlineData(CallStatus.Queued, CallStatus.OnHold, false)]
    [InlineData(CallStatus.Ringing, CallStatus.Initiated, false)]
    public void Moves(string from, string to, bool allowed) => Assert.Equal(allowed, CallStatus.CanMove(from, to));

    [Theory]
    [InlineData("")]
    [InlineData("ENDED")]
    [InlineData("hung_up")]
    public void AnUnknownStatusGoesNowhereAndIsNotFinal(string unknown)
    {
        Assert.Empty(CallStatus.NextFrom(unknown));
        Assert.False(CallStatus.IsFinal(unknown));
        Assert.All(Every, status => Assert.False(CallStatus.CanMove(unknown, status) || CallStatus.CanMove(status, unknown)));
    }
}
