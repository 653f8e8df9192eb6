using System.Text;
using CallCenter.ApiService.Idempotency;

namespace CallCenter.UnitTests.Idempotency;

/// <summary>What a repeated key gets, for every state its first request can be in.</summary>
public sealed class KeyDecisionTests
{
    private static readonly byte[] Mine = RequestFingerprint.Compute("POST", "/api/calls", "?phone_number=1", []);
    private static readonly byte[] Other = RequestFingerprint.Compute("POST", "/api/calls", "?phone_number=2", []);

    [Theory]
    [InlineData(KeyState.InProgress, true, KeyVerdict.StillRunning)]
    // Written; the answer is on its way to the client and to the store at once.
    [InlineData(KeyState.Committed, true, KeyVerdict.AnswerComing)]
    [InlineData(KeyState.Completed, true, KeyVerdict.Replay)]
    // The lease ran out before any commit: the first request wrote nothing, so this one may run.
    [InlineData(KeyState.InProgress, false, KeyVerdict.Claim)]
    // The write stands but its answer was never stored: never run again.
    [InlineData(KeyState.Committed, false, KeyVerdict.AnswerLost)]
    [InlineData(KeyState.Completed, false, KeyVerdict.Replay)]
    public void DecideSameRequestFollowsTheFirstRequestsState(KeyState state, bool leased, KeyVerdict expected) =>
        Assert.Equal(expected, KeyDecision.Decide(new StoredKey(Mine, state, leased), Mine));

    [Theory]
    [InlineData(KeyState.InProgress, true)]
    [InlineData(KeyState.InProgress, false)]
    [InlineData(KeyState.Committed, false)]
    [InlineData(KeyState.Completed, true)]
    public void DecideDifferentRequestIsAMismatchWhateverTheState(KeyState state, bool leased) =>
        Assert.Equal(KeyVerdict.Mismatch, KeyDecision.Decide(new StoredKey(Other, state, leased), Mine));

    [Fact]
    public void DecideNothingStoredClaims() => Assert.Equal(KeyVerdict.Claim, KeyDecision.Decide(null, Mine));

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, true)]
    [InlineData(400, true)]
    [InlineData(404, true)]
    [InlineData(409, true)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public void IsStoredKeepsSuccessesAndClientErrorsOnly(int status, bool stored) =>
        Assert.Equal(stored, KeyDecision.IsStored(status));

    [Theory]
    [InlineData("PATCH", "/api/calls", "?phone_number=1", "")]
    [InlineData("POST", "/api/calls/x", "?phone_number=1", "")]
    [InlineData("POST", "/api/calls", "?phone_number=12", "")]
    [InlineData("POST", "/api/calls", "?phone_number=1", "{}")]
    public void FingerprintAnyPartChangedDiffers(string method, string path, string query, string body) =>
        Assert.NotEqual(Mine, RequestFingerprint.Compute(method, path, query, Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void FingerprintPartsCannotRunIntoEachOther() =>
        Assert.NotEqual(
            RequestFingerprint.Compute("POST", "/a", "?b", Encoding.UTF8.GetBytes("c")),
            RequestFingerprint.Compute("POST", "/a", "", Encoding.UTF8.GetBytes("?bc")));

    [Fact]
    public void FingerprintSameRequestIsTheSame() =>
        Assert.Equal(Mine, RequestFingerprint.Compute("post", "/api/calls", "?phone_number=1", []));
}
