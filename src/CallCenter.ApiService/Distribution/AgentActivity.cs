using CallCenter.ApiService.Agents;

namespace CallCenter.ApiService.Distribution;

/// <summary>
/// What an agent is doing, finer than the seed's <c>status</c>: available → ringing (an offer) → on_call (accepted) →
/// wrap_up (after-call work) → available; a declined or unanswered offer leaves the agent missed until they make
/// themselves available. Breaks and signing out are allowed whenever no caller is on the line or ringing.
/// </summary>
public static class AgentActivity
{
    public const string Available = "available";
    public const string Ringing = "ringing";
    public const string OnCall = "on_call";
    public const string WrapUp = "wrap_up";
    public const string Missed = "missed";
    public const string OnBreak = "on_break";
    public const string Offline = "offline";

    public static readonly string[] All = [Available, Ringing, OnCall, WrapUp, Missed, OnBreak, Offline];

    private static readonly Dictionary<string, string[]> Next = new()
    {
        // Available → on_call is a call picked from the queue by hand (manual mode, a supervisor's assignment).
        [Available] = [Ringing, OnCall, OnBreak, Offline],
        // An answer or a miss ends ringing (the offer's timer settles it even when the desk is gone); the system
        // withdraws an offer whose caller hung up or was taken by hand, and the agent waits on, not missed.
        [Ringing] = [OnCall, Missed, Available],
        // Straight to available when the call's department has no wrap-up.
        [OnCall] = [WrapUp, Available],
        [WrapUp] = [Available, OnBreak, Offline],
        [Missed] = [Available, OnBreak, Offline],
        [OnBreak] = [Available, Offline],
        [Offline] = [Available, OnBreak],
    };

    public static bool CanMove(string from, string to) => Next.TryGetValue(from, out var next) && next.Contains(to);

    public static IReadOnlyList<string> NextFrom(string from) => Next.TryGetValue(from, out var next) ? next : [];

    /// <summary>
    /// The seed's <c>status</c> for existing clients. A missed agent reads as on_break, not available: they are not
    /// ready and get no offers until they say so, and busy would claim a call they do not have.
    /// </summary>
    public static string SeedStatus(string activity) => activity switch
    {
        Available => AgentStatus.Available,
        Ringing or OnCall or WrapUp => AgentStatus.Busy,
        Missed or OnBreak => AgentStatus.OnBreak,
        _ => AgentStatus.Offline,
    };
}
