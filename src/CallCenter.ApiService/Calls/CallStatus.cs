namespace CallCenter.ApiService.Calls;

/// <summary>
/// The life of a call: initiated → queued → ringing → in_progress ⇄ on_hold → ended, with abandoned for a
/// caller who hangs up before anyone answers. Ended and abandoned are final.
/// </summary>
public static class CallStatus
{
    public const string Initiated = "initiated";
    public const string Queued = "queued";
    public const string Ringing = "ringing";
    public const string InProgress = "in_progress";
    public const string OnHold = "on_hold";
    public const string Ended = "ended";
    public const string Abandoned = "abandoned";

    public static readonly string[] Final = [Ended, Abandoned];

    private static readonly Dictionary<string, string[]> Next = new()
    {
        [Initiated] = [Queued, Ringing, InProgress, Ended, Abandoned],
        [Queued] = [Ringing, InProgress, Ended, Abandoned],
        [Ringing] = [Queued, InProgress, Ended, Abandoned],
        // Back to the queue: the bot hands the caller to a department, or an agent routes them on.
        [InProgress] = [OnHold, Queued, Ended],
        [OnHold] = [InProgress, Queued, Ended],
        [Ended] = [],
        [Abandoned] = [],
    };

    public static bool IsFinal(string status) => Final.Contains(status);

    public static bool CanMove(string from, string to) => Next.TryGetValue(from, out var next) && next.Contains(to);

    public static IReadOnlyList<string> NextFrom(string from) => Next.TryGetValue(from, out var next) ? next : [];
}
