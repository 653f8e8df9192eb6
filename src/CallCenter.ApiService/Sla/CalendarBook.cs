using CallCenter.ApiService.Data;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;

namespace CallCenter.ApiService.Sla;

/// <summary>Business-hours calendars, managed by admins; every change is audited.</summary>
public sealed class CalendarBook(CallCenterDatabase database, SlaCatalog catalog, AuditTrail audit, TimeProvider clock)
{
    public Task<IReadOnlyList<CalendarDefinition>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(connection => catalog.CalendarsAsync(connection), cancellationToken);

    public Task<CalendarDefinition> GetAsync(string calendarId, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection => await catalog.CalendarAsync(connection, calendarId)
            ?? throw ApiProblemException.NotFound("Calendar", calendarId), cancellationToken);

    public Task<CalendarDefinition> CreateAsync(CalendarRequest request, CancellationToken cancellationToken)
    {
        Ensure(request);
        var calendarId = request.CalendarId ?? throw ApiProblemException.Invalid("calendar_id", "give the new calendar's id.");
        return database.InTransactionAsync(async work =>
        {
            if (await catalog.CalendarAsync(work.Connection, calendarId, work.Transaction) is not null)
            {
                throw ApiProblemException.Conflict($"calendar_id: a calendar '{calendarId}' exists; PUT /api/calendars/{calendarId} changes it.");
            }

            return await SaveAsync(work, calendarId, request, "calendar:created");
        }, cancellationToken);
    }

    public Task<CalendarDefinition> ReplaceAsync(string calendarId, CalendarRequest request, CancellationToken cancellationToken)
    {
        Ensure(request);
        if (request.CalendarId is not null && request.CalendarId != calendarId)
        {
            throw ApiProblemException.Invalid("calendar_id", $"must be '{calendarId}', the calendar being changed, or left out.");
        }

        return database.InTransactionAsync(async work =>
        {
            _ = await catalog.CalendarAsync(work.Connection, calendarId, work.Transaction) ?? throw ApiProblemException.NotFound("Calendar", calendarId);
            return await SaveAsync(work, calendarId, request, "calendar:updated");
        }, cancellationToken);
    }

    /// <summary>Adds an iCalendar file's all-day events to the holidays; dates already listed keep their names.</summary>
    public Task<CalendarDefinition> ImportHolidaysAsync(string calendarId, HolidayImportRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<Holiday> imported;
        try
        {
            imported = HolidayFile.Parse(request.Icalendar!);
        }
        catch (FormatException exception)
        {
            throw ApiProblemException.Invalid("icalendar", $"is not an iCalendar file we can read ({exception.Message}).");
        }

        return database.InTransactionAsync(async work =>
        {
            var calendar = await catalog.CalendarAsync(work.Connection, calendarId, work.Transaction)
                ?? throw ApiProblemException.NotFound("Calendar", calendarId);
            var known = calendar.Holidays.Select(holiday => holiday.Date).ToHashSet();
            var holidays = calendar.Holidays.Concat(imported.Where(holiday => known.Add(holiday.Date))).OrderBy(holiday => holiday.Date).ToList();
            var updated = calendar with { Holidays = holidays, UpdatedAt = clock.UtcNow() };
            await catalog.SaveCalendarAsync(work, updated);
            await audit.RecordAsync(work, "calendar:holidays_imported", calendarId);
            return updated;
        }, cancellationToken);
    }

    public Task DeleteAsync(string calendarId, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async work =>
        {
            var users = (await catalog.PoliciesAsync(work.Connection, work.Transaction)).Where(policy => policy.CalendarId == calendarId).ToList();
            if (users.Count > 0)
            {
                throw ApiProblemException.Conflict(
                    $"calendar_id: policies {string.Join(", ", users.Select(policy => policy.PolicyId))} count time in '{calendarId}'; move them to another calendar first.");
            }

            if (await work.ExecuteAsync("DELETE FROM business_calendars WHERE calendar_id = @calendarId", new { calendarId }) == 0)
            {
                throw ApiProblemException.NotFound("Calendar", calendarId);
            }

            await audit.RecordAsync(work, "calendar:deleted", calendarId);
            return true;
        }, cancellationToken);

    private async Task<CalendarDefinition> SaveAsync(UnitOfWork work, string calendarId, CalendarRequest request, string action)
    {
        var calendar = new CalendarDefinition
        {
            CalendarId = calendarId,
            Name = request.Name!.Trim(),
            TimeZone = request.TimeZone!,
            Hours = request.Hours!.Where(day => day.Value.Count > 0)
                .ToDictionary(day => day.Key, day => (IReadOnlyList<OpeningSpan>)[.. day.Value.OrderBy(span => span.Start, StringComparer.Ordinal)]),
            Holidays = [.. (request.Holidays ?? []).OrderBy(holiday => holiday.Date)],
            UpdatedAt = clock.UtcNow(),
        };
        await catalog.SaveCalendarAsync(work, calendar);
        await audit.RecordAsync(work, action, calendarId);
        return calendar;
    }

    private static void Ensure(CalendarRequest request)
    {
        if (CalendarRules.Check(request) is { Count: > 0 } errors)
        {
            throw ApiProblemException.Invalid(errors);
        }
    }
}
