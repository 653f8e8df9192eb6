namespace CallCenter.ApiService.Stats;

/// <summary>One measure, by its field name in the API, with the plain words the wallboard, reports and README use.</summary>
public sealed record MeasureDefinition(string Measure, string Name, string Definition);

/// <summary>What the stats endpoints answer with, explained: the measures, the thresholds in force and the time zone.</summary>
public sealed record StatsDefinitions(
    string TimeZone, int ShortAbandonSeconds, int ServiceLevelSeconds, double ServiceLevelTarget, IReadOnlyList<MeasureDefinition> Measures, IReadOnlyList<string> Rules);

/// <summary>The one wording of each measure; README's "Service level and KPIs" section says the same.</summary>
public static class MeasureDefinitions
{
    public static readonly IReadOnlyList<MeasureDefinition> Measures =
    [
        new("offered", "Offered", "Calls that entered the queue. A call transferred in is not offered again."),
        new("answered", "Answered", "Offered calls an agent accepted. A callback that kept its place counts when the callback is answered."),
        new("answered_within_threshold", "Answered within T", "Answered calls that waited at most T, the department's service level seconds."),
        new("abandoned", "Abandoned", "Offered calls whose caller hung up while waiting, short abandons included."),
        new("short_abandoned", "Short abandons", "Abandoned calls that waited less than the short abandon seconds; left out of service level and abandonment rate."),
        new("transfers_in", "Transfers in", "Calls transferred or routed into the queue after waiting elsewhere: counted for volume, never offered twice."),
        new("transferred_out", "Transferred out", "Offered calls that left the queue neither answered nor abandoned, such as routed to another department."),
        new("callbacks", "Callbacks", "Offered calls whose caller asked to be called back, keeping their place."),
        new("service_level", "Service level", "Answered within T ÷ (answered + abandoned − short abandons)."),
        new("service_level_target", "Service level target", "The share of calls the department aims to answer within T, shown beside service level."),
        new("service_level_seconds", "T", "The wait within which an answer counts toward service level."),
        new("asa_seconds", "Average speed of answer", "The mean time answered calls waited in the queue."),
        new("handled", "Handled", "Calls whose handling — talk, then wrap-up — ended."),
        new("aht_seconds", "Average handle time", "Talk + hold + wrap-up per handled call."),
        new("abandon_rate", "Abandonment rate", "(Abandoned − short abandons) ÷ (offered − short abandons)."),
        new("occupancy", "Occupancy", "Time on calls and in wrap-up ÷ (that + time available or ringing). Breaks, missed offers and offline time count in neither."),
        new("calls_waiting", "Calls waiting", "Calls in the queue at the end of the window, or now."),
        new("longest_wait_seconds", "Longest wait", "How long the call waiting longest had waited then."),
        new("agents_by_activity", "Agents by activity", "How many agents were in each activity then."),
        new("seconds_by_activity", "Agent state time", "Time an agent spent in each activity, and on breaks by reason."),
    ];

    public static readonly IReadOnlyList<string> Rules =
    [
        "A queue visit counts (offered, answered, abandoned, within T, its wait in ASA) in the interval its call entered the queue.",
        "A handled call counts (handled, AHT) in the interval its wrap-up ended, or its talk when there was no wrap-up.",
        "Agent time is split at interval boundaries; time still going on counts up to now.",
        "Calls waiting, longest wait and agents by activity are read at the interval's end, or now when sooner.",
        "A department's figures count its queue's visits, the calls answered from its queue and its agents' time.",
        "Days start at midnight in the center's time zone; when the clocks change a day has 23 or 25 hours.",
        "Ratios and averages are null where there is nothing to divide by.",
    ];
}
