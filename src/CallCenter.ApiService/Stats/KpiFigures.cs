namespace CallCenter.ApiService.Stats;

/// <summary>
/// The floor's standard measures over one window, for one department or the whole center (<see cref="Department"/>
/// null). Ratios and averages are null, never NaN, when there is nothing to divide by. See <see cref="KpiCalculator"/>
/// for which window each event counts in.
/// </summary>
/// <param name="Window">The window the figures cover.</param>
/// <param name="Department">The department, or null for the whole center.</param>
/// <param name="Offered">Calls that entered the queue in the window, not counting transfers in.</param>
/// <param name="TransfersIn">Calls transferred into the queue in the window: volume only, never offered twice.</param>
/// <param name="Callbacks">Offered calls whose callers asked to be called back, keeping their place.</param>
/// <param name="Answered">Offered calls an agent accepted.</param>
/// <param name="AnsweredWithinThreshold">Answered calls that waited at most T (<see cref="ServiceLevelSeconds"/>).</param>
/// <param name="Abandoned">Offered calls whose callers hung up while waiting, short abandons included.</param>
/// <param name="ShortAbandoned">Abandoned calls that waited less than <c>Stats:ShortAbandonSeconds</c>.</param>
/// <param name="TransferredOut">Offered calls that left the queue neither answered nor abandoned.</param>
/// <param name="ServiceLevel">Answered within T ÷ (answered + abandoned − short abandons).</param>
/// <param name="ServiceLevelTarget">The share the department (or floor) aims for, shown beside service level.</param>
/// <param name="ServiceLevelSeconds">T; for the whole center each call is judged by its own department's T.</param>
/// <param name="AsaSeconds">Average speed of answer: the mean wait of answered calls.</param>
/// <param name="Handled">Calls whose handling (talk, then wrap-up) ended in the window.</param>
/// <param name="AhtSeconds">Average handle time: mean talk + hold + wrap-up of the handled calls.</param>
/// <param name="AbandonRate">(Abandoned − short abandons) ÷ (offered − short abandons).</param>
/// <param name="Occupancy">Handling time ÷ (handling + ready time); see <see cref="Stats.Occupancy"/>.</param>
/// <param name="CallsWaiting">Calls in the queue, transfers in included, at the window's end (or now, if sooner).</param>
/// <param name="LongestWaitSeconds">The longest of those waits so far; null when none waits.</param>
/// <param name="AgentsByActivity">How many agents were in each activity at that same instant.</param>
public sealed record KpiFigures(
    StatsWindow Window,
    string? Department,
    int Offered,
    int TransfersIn,
    int Callbacks,
    int Answered,
    int AnsweredWithinThreshold,
    int Abandoned,
    int ShortAbandoned,
    int TransferredOut,
    double? ServiceLevel,
    double ServiceLevelTarget,
    int ServiceLevelSeconds,
    double? AsaSeconds,
    int Handled,
    double? AhtSeconds,
    double? AbandonRate,
    double? Occupancy,
    int CallsWaiting,
    double? LongestWaitSeconds,
    IReadOnlyDictionary<string, int> AgentsByActivity);
