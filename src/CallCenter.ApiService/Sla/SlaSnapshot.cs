namespace CallCenter.ApiService.Sla;

/// <summary>
/// Every policy (in matching order) and calendar, and the targets of some tickets: what a ticket change or a page of
/// tickets needs of the SLA, in two round trips.
/// </summary>
public sealed record SlaSnapshot(
    IReadOnlyList<SlaPolicy> Policies, IReadOnlyDictionary<string, CalendarDefinition> Calendars, ILookup<string, SlaTarget> Targets)
{
    public SlaPolicy? Policy(string? policyId) => policyId is null ? null : Policies.FirstOrDefault(policy => policy.PolicyId == policyId);

    /// <summary>The policy with its calendar, or null when the calendar is gone.</summary>
    public SlaPlan? PlanOf(SlaPolicy policy) =>
        Calendars.TryGetValue(policy.CalendarId, out var calendar) ? new SlaPlan(policy, calendar.ToCalendar()) : null;
}
