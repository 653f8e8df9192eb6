using CallCenter.ApiService.Security;
using CallCenter.ApiService.Sla;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CallCenter.ApiService.Apis;

public sealed record CalendarList(IReadOnlyList<CalendarDefinition> Calendars);

public sealed record SlaPolicyList(IReadOnlyList<SlaPolicy> Policies);

/// <summary>Ticket SLAs (issue 14): business-hours calendars and the policies that set targets. Supervisors read; admins change.</summary>
public static class SlaApi
{
    public static IEndpointRouteBuilder MapSlaApi(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/api/calendars").WithTags("SLA").WithApiProblems().RequireAuthorization(FloorPolicies.Supervision);
        calendars.MapGet("/", ListCalendars).WithName(nameof(ListCalendars)).WithSummary("Business-hours calendars.");
        calendars.MapGet("/{calendarId}", GetCalendar).WithName(nameof(GetCalendar)).WithSummary("One business-hours calendar.");

        var calendarChanges = app.MapGroup("/api/calendars").WithTags("SLA").WithApiProblems().RequireAuthorization(FloorPolicies.Administration);
        calendarChanges.MapPost("/", CreateCalendar).WithName(nameof(CreateCalendar))
            .WithSummary("Add a calendar: a time zone, working hours per weekday (several spans a day allowed) and holidays.");
        calendarChanges.MapPut("/{calendarId}", ReplaceCalendar).WithName(nameof(ReplaceCalendar))
            .WithSummary("Change a calendar; open tickets keep their due times until POST /api/sla-policies/recompute.");
        calendarChanges.MapPost("/{calendarId}/holidays/import", ImportHolidays).WithName(nameof(ImportHolidays))
            .WithSummary("Add an iCalendar file's all-day events as holidays.");
        calendarChanges.MapDelete("/{calendarId}", DeleteCalendar).WithName(nameof(DeleteCalendar))
            .WithSummary("Remove a calendar no policy uses.");

        var policies = app.MapGroup("/api/sla-policies").WithTags("SLA").WithApiProblems().RequireAuthorization(FloorPolicies.Supervision);
        policies.MapGet("/", ListSlaPolicies).WithName(nameof(ListSlaPolicies)).WithSummary("SLA policies in the order they are tried.");
        policies.MapGet("/{policyId}", GetSlaPolicy).WithName(nameof(GetSlaPolicy)).WithSummary("One SLA policy.");

        var policyChanges = app.MapGroup("/api/sla-policies").WithTags("SLA").WithApiProblems().RequireAuthorization(FloorPolicies.Administration);
        policyChanges.MapPost("/", CreateSlaPolicy).WithName(nameof(CreateSlaPolicy))
            .WithSummary("Add a policy: conditions, per-priority targets in business or calendar time, warning lead and escalation.");
        policyChanges.MapPut("/{policyId}", ReplaceSlaPolicy).WithName(nameof(ReplaceSlaPolicy))
            .WithSummary("Change a policy; new tickets follow it, open ones too with apply_to_open_tickets.");
        policyChanges.MapDelete("/{policyId}", DeleteSlaPolicy).WithName(nameof(DeleteSlaPolicy))
            .WithSummary("Remove a policy no open ticket follows.");
        policyChanges.MapPost("/recompute", RecomputeSla).WithName(nameof(RecomputeSla))
            .WithSummary("Put every open ticket under the policy that matches it now, keeping the time used.");

        app.MapGroup("/api/stats").WithTags("Stats").WithApiProblems().RequireAuthorization(FloorPolicies.Supervision)
            .MapGet("/sla-compliance", GetSlaCompliance).WithName(nameof(GetSlaCompliance))
            .WithSummary("Of the ticket targets started in a range, the share met in time, per policy, priority and kind.");

        return app;
    }

    public static async Task<Ok<SlaComplianceReport>> GetSlaCompliance(SlaComplianceRequest request, SlaCompliance compliance, CancellationToken cancellationToken) =>
        TypedResults.Ok(await compliance.ReportAsync(request, cancellationToken));

    public static async Task<Ok<CalendarList>> ListCalendars(CalendarBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CalendarList(await book.ListAsync(cancellationToken)));

    public static async Task<Ok<CalendarDefinition>> GetCalendar(string calendarId, CalendarBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.GetAsync(calendarId, cancellationToken));

    public static async Task<Created<CalendarDefinition>> CreateCalendar(CalendarRequest request, CalendarBook book, CancellationToken cancellationToken)
    {
        var calendar = await book.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/calendars/{calendar.CalendarId}", calendar);
    }

    public static async Task<Ok<CalendarDefinition>> ReplaceCalendar(
        string calendarId, CalendarRequest request, CalendarBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.ReplaceAsync(calendarId, request, cancellationToken));

    public static async Task<Ok<CalendarDefinition>> ImportHolidays(
        string calendarId, HolidayImportRequest request, CalendarBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.ImportHolidaysAsync(calendarId, request, cancellationToken));

    public static async Task<NoContent> DeleteCalendar(string calendarId, CalendarBook book, CancellationToken cancellationToken)
    {
        await book.DeleteAsync(calendarId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<SlaPolicyList>> ListSlaPolicies(SlaPolicyBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SlaPolicyList(await book.ListAsync(cancellationToken)));

    public static async Task<Ok<SlaPolicy>> GetSlaPolicy(string policyId, SlaPolicyBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.GetAsync(policyId, cancellationToken));

    public static async Task<Created<SlaPolicy>> CreateSlaPolicy(SlaPolicyRequest request, SlaPolicyBook book, CancellationToken cancellationToken)
    {
        var policy = await book.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/sla-policies/{policy.PolicyId}", policy);
    }

    public static async Task<Ok<SlaPolicy>> ReplaceSlaPolicy(
        string policyId, SlaPolicyRequest request, SlaPolicyBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.ReplaceAsync(policyId, request, cancellationToken));

    public static async Task<NoContent> DeleteSlaPolicy(string policyId, SlaPolicyBook book, CancellationToken cancellationToken)
    {
        await book.DeleteAsync(policyId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<SlaRecomputed>> RecomputeSla(SlaPolicyBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SlaRecomputed(true, await book.RecomputeAsync(cancellationToken)));
}
