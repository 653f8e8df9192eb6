namespace CallCenter.ApiService.Stats;

/// <summary>How a call's stay in one department's queue ended, if it has.</summary>
public enum VisitOutcome
{
    Waiting,

    /// <summary>An agent accepted the call (for a callback that kept its place: the callback was answered).</summary>
    Answered,

    /// <summary>The caller hung up while waiting.</summary>
    Abandoned,

    /// <summary>Left the queue neither answered nor abandoned, e.g. routed to another department while waiting.</summary>
    TransferredOut,
}
