namespace CallCenter.ApiService.Distribution;

/// <summary>
/// A queued call as distribution sees it. <see cref="QueuedAt"/> is when it first joined the queue and survives a
/// declined or expired offer, so the call goes back to its own place.
/// </summary>
public sealed record WaitingCall(string CallId, string Department, string Priority, DateTime QueuedAt)
{
    /// <summary>The caller's language; when set, only agents who speak it are offered the call.</summary>
    public string? Language { get; init; }

    /// <summary>A skill that makes an agent of any department eligible.</summary>
    public string? Skill { get; init; }
}
