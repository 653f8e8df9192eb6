namespace CallCenter.Web.Services;

/// <summary>Working hours as local times, "08:00" to "17:00"; "24:00" ends a day.</summary>
public sealed record OpeningSpan(string Start, string End);

public sealed record Holiday(DateOnly Date, string Name);

/// <summary>A business-hours calendar: a time zone, hours per weekday (sunday … saturday; a day left out is closed), holidays.</summary>
public sealed record BusinessCalendar
{
    public string CalendarId { get; init; } = "";

    public string Name { get; init; } = "";

    public string TimeZone { get; init; } = "";

    public IReadOnlyDictionary<string, IReadOnlyList<OpeningSpan>> Hours { get; init; } = new Dictionary<string, IReadOnlyList<OpeningSpan>>();

    public IReadOnlyList<Holiday> Holidays { get; init; } = [];
}

public sealed record CalendarList(IReadOnlyList<BusinessCalendar> Calendars);

/// <summary>Which tickets a policy holds (the first in position order whose conditions all hold), to which targets.</summary>
public sealed record SlaPolicy
{
    public string PolicyId { get; init; } = "";

    public string Name { get; init; } = "";

    public int Position { get; init; }

    public SlaConditions Conditions { get; init; } = new();

    public string CalendarId { get; init; } = "";

    public int WarningMinutes { get; init; }

    /// <summary>Per priority, per kind (first_response, next_response, resolution).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, SlaTerms>> Targets { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, SlaTerms>>();

    public SlaEscalation Escalation { get; init; } = new();
}

public sealed record SlaConditions(string? Department = null, string? Priority = null, string? CustomerId = null);

public sealed record SlaTerms(int Minutes, bool BusinessTime);

public sealed record SlaEscalation(bool RaisePriority = false, string? Department = null, string? AssignTo = null);

public sealed record SlaPolicyList(IReadOnlyList<SlaPolicy> Policies);

public sealed record SlaRecomputed(bool Success, int Tickets);

/// <summary>The SLA's words that the API uses as codes.</summary>
public static class SlaKinds
{
    public static readonly string[] All = ["first_response", "next_response", "resolution"];

    public static readonly string[] Weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
}
