namespace CallCenter.ApiService.Idempotency;

/// <summary>Where a key's first request stands.</summary>
public enum KeyState
{
    /// <summary>Claimed, running; its write (if any) is not committed.</summary>
    InProgress,

    /// <summary>Its write committed; the answer is not stored yet (or never will be: its replica died in between).</summary>
    Committed,

    /// <summary>Answered; the answer is stored for replay.</summary>
    Completed,
}

/// <summary>
/// A key as stored, as a later request with the same key finds it. <c>Leased</c>: the claim is younger than the
/// lease, so its replica may still be working on it. Status, content type and body are the stored answer.
/// </summary>
public sealed record StoredKey(byte[] Fingerprint, KeyState State, bool Leased, int? Status = null, string? ContentType = null, byte[]? Body = null)
{
    public static KeyState ParseState(string state) => state switch
    {
        "in_progress" => KeyState.InProgress,
        "committed" => KeyState.Committed,
        "completed" => KeyState.Completed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not an idempotency key state."),
    };
}
