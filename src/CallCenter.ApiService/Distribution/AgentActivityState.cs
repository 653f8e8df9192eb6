namespace CallCenter.ApiService.Distribution;

/// <summary>
/// An agent's current activity and since when, moved only along <see cref="AgentActivity"/>'s table; an illegal move
/// throws <see cref="AcdRuleException"/>. Each move returns a new state, so the caller saves exactly what was decided.
/// </summary>
public sealed record AgentActivityState(string Activity, DateTime Since)
{
    /// <summary>Set while on a break: one of the configured reason codes.</summary>
    public string? BreakReason { get; init; }

    /// <summary>Set during wrap-up: when the system makes the agent available again.</summary>
    public DateTime? WrapUpEndsAt { get; init; }

    public static AgentActivityState SignedIn(DateTime at) => new(AgentActivity.Available, at);

    public AgentActivityState Offered(DateTime at) => MoveTo(AgentActivity.Ringing, at);

    /// <summary>The agent answers an offer, or picks a call from a manual queue.</summary>
    public AgentActivityState Answered(DateTime at) => MoveTo(AgentActivity.OnCall, at);

    /// <summary>The offer was declined or rang out.</summary>
    public AgentActivityState Missed(DateTime at) => MoveTo(AgentActivity.Missed, at);

    public AgentActivityState CallEnded(DateTime at, TimeSpan wrapUp)
    {
        if (Activity != AgentActivity.OnCall)
        {
            throw Refused(AgentActivity.WrapUp);
        }

        return wrapUp > TimeSpan.Zero
            ? MoveTo(AgentActivity.WrapUp, at) with { WrapUpEndsAt = at + wrapUp }
            : MoveTo(AgentActivity.Available, at);
    }

    public bool WrapUpOver(DateTime now) => Activity == AgentActivity.WrapUp && now >= WrapUpEndsAt;

    /// <summary>Wrap-up ran out: available from the moment it ended, not from when the timer was noticed.</summary>
    public AgentActivityState WrapUpExpired(DateTime now) =>
        WrapUpOver(now) ? MoveTo(AgentActivity.Available, WrapUpEndsAt!.Value) : throw Refused(AgentActivity.Available);

    /// <summary>The agent makes themselves ready: after a miss, a break, signing in, or finishing wrap-up early.</summary>
    public AgentActivityState MadeAvailable(DateTime at) =>
        Activity is AgentActivity.OnCall or AgentActivity.Ringing ? throw Refused(AgentActivity.Available) : MoveTo(AgentActivity.Available, at);

    /// <summary>The offer ringing on this agent went away (the caller hung up, or someone took the call by hand).</summary>
    public AgentActivityState OfferWithdrawn(DateTime at) =>
        Activity == AgentActivity.Ringing ? MoveTo(AgentActivity.Available, at) : throw Refused(AgentActivity.Available);

    public AgentActivityState OnBreak(string reason, DateTime at, IReadOnlyCollection<string> reasons) =>
        reasons.Contains(reason)
            ? MoveTo(AgentActivity.OnBreak, at) with { BreakReason = reason }
            : throw new AcdRuleException("reason", $"must be one of: {string.Join(", ", reasons)}.");

    public AgentActivityState SignedOut(DateTime at) => MoveTo(AgentActivity.Offline, at);

    private AgentActivityState MoveTo(string activity, DateTime at) =>
        AgentActivity.CanMove(Activity, activity) ? new AgentActivityState(activity, at) : throw Refused(activity);

    private AcdRuleException Refused(string activity) =>
        new("activity", $"an agent who is {Activity} cannot become {activity}.");
}
