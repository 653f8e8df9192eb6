namespace CallCenter.ApiService.Idempotency;

/// <summary>What a request does with a key that another request already claimed.</summary>
public enum KeyVerdict
{
    /// <summary>Nothing holds the key (it was never used, released, expired, or its claim lapsed before any commit): claim it.</summary>
    Claim,

    /// <summary>The same request was answered: send that answer again.</summary>
    Replay,

    /// <summary>The key was used for a different request: 422.</summary>
    Mismatch,

    /// <summary>The first request is still running: 409, retry shortly.</summary>
    StillRunning,

    /// <summary>The first request's write committed and its answer is being stored (it is sent while stored): look again in a moment.</summary>
    AnswerComing,

    /// <summary>The first request's write committed but its replica stopped before storing the answer: 409, never run again.</summary>
    AnswerLost,
}

/// <summary>
/// The rules of a repeated key, apart from storage. What makes them safe: a write marks its key committed in its own
/// transaction, so an in-progress claim whose lease ran out belongs to a request that wrote nothing, and may run again.
/// </summary>
public static class KeyDecision
{
    public static KeyVerdict Decide(StoredKey? stored, ReadOnlySpan<byte> fingerprint)
    {
        if (stored is null)
        {
            return KeyVerdict.Claim;
        }

        if (!fingerprint.SequenceEqual(stored.Fingerprint))
        {
            return KeyVerdict.Mismatch;
        }

        return stored.State switch
        {
            KeyState.Completed => KeyVerdict.Replay,
            KeyState.Committed when stored.Leased => KeyVerdict.AnswerComing,
            _ when stored.Leased => KeyVerdict.StillRunning,
            KeyState.Committed => KeyVerdict.AnswerLost,
            _ => KeyVerdict.Claim,
        };
    }

    /// <summary>Answers worth replaying: successes and the client's own mistakes. A 5xx says nothing final.</summary>
    public static bool IsStored(int status) => status is >= 200 and < 300 or >= 400 and < 500;
}
