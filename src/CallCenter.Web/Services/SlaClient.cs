using static CallCenter.Web.Services.ApiHttp;

namespace CallCenter.Web.Services;

/// <summary>An admin's SLA settings: business-hours calendars and the policies that set tickets' targets.</summary>
public sealed class SlaClient(HttpClient http)
{
    public Task<CalendarList> CalendarsAsync(CancellationToken cancellationToken) =>
        http.GetAsync<CalendarList>("/api/calendars", cancellationToken);

    public Task<BusinessCalendar> CalendarAsync(string calendarId, CancellationToken cancellationToken) =>
        http.GetAsync<BusinessCalendar>($"/api/calendars/{Segment(calendarId)}", cancellationToken);

    public Task<BusinessCalendar> CreateCalendarAsync(object calendar, CancellationToken cancellationToken) =>
        http.PostAsync<BusinessCalendar>("/api/calendars", calendar, cancellationToken);

    public Task<BusinessCalendar> ReplaceCalendarAsync(string calendarId, object calendar, CancellationToken cancellationToken) =>
        http.PutAsync<BusinessCalendar>($"/api/calendars/{Segment(calendarId)}", calendar, cancellationToken);

    /// <summary>Adds an iCalendar file's all-day events as holidays.</summary>
    public Task<BusinessCalendar> ImportHolidaysAsync(string calendarId, string icalendar, CancellationToken cancellationToken) =>
        http.PostAsync<BusinessCalendar>($"/api/calendars/{Segment(calendarId)}/holidays/import", new { icalendar }, cancellationToken);

    public Task<SlaPolicyList> PoliciesAsync(CancellationToken cancellationToken) =>
        http.GetAsync<SlaPolicyList>("/api/sla-policies", cancellationToken);

    public Task<SlaPolicy> PolicyAsync(string policyId, CancellationToken cancellationToken) =>
        http.GetAsync<SlaPolicy>($"/api/sla-policies/{Segment(policyId)}", cancellationToken);

    public Task<SlaPolicy> CreatePolicyAsync(object policy, CancellationToken cancellationToken) =>
        http.PostAsync<SlaPolicy>("/api/sla-policies", policy, cancellationToken);

    public Task<SlaPolicy> ReplacePolicyAsync(string policyId, object policy, CancellationToken cancellationToken) =>
        http.PutAsync<SlaPolicy>($"/api/sla-policies/{Segment(policyId)}", policy, cancellationToken);

    /// <summary>Puts every open ticket under the policy that matches it now; answers how many.</summary>
    public Task<SlaRecomputed> RecomputeAsync(CancellationToken cancellationToken) =>
        http.PostAsync<SlaRecomputed>("/api/sla-policies/recompute", body: null, cancellationToken);
}
