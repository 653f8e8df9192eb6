using System.ComponentModel.DataAnnotations;
using CallCenter.Web.Services;

namespace CallCenter.Web.Pages.Sla;

/// <summary>A policy as a form: its conditions, calendar and warning lead, a grid of targets (priority × kind) and the escalation.</summary>
public sealed class PolicyInput
{
    [StringLength(64)]
    [Display(Name = "Policy id")]
    public string? PolicyId { get; set; }

    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(100)]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter a position.")]
    [Range(0, 1_000_000)]
    [Display(Name = "Position")]
    public int? Position { get; set; }

    [Display(Name = "Department")]
    public string? Department { get; set; }

    [Display(Name = "Priority")]
    public string? Priority { get; set; }

    [StringLength(64)]
    [Display(Name = "Customer id")]
    public string? CustomerId { get; set; }

    [Required(ErrorMessage = "Choose a calendar.")]
    [Display(Name = "Calendar")]
    public string? CalendarId { get; set; }

    [Range(0, 10_080)]
    [Display(Name = "Warn this many minutes before a deadline")]
    public int? WarningMinutes { get; set; } = 15;

    /// <summary>Minutes per <see cref="TargetKey"/>; blank is no target.</summary>
    public Dictionary<string, int?> Minutes { get; set; } = [];

    /// <summary>Per <see cref="TargetKey"/>: counted in the calendar's business hours, else around the clock.</summary>
    public Dictionary<string, bool> BusinessTime { get; set; } = [];

    [Display(Name = "Raise the priority a step")]
    public bool RaisePriority { get; set; }

    [Display(Name = "Move to department")]
    public string? EscalateToDepartment { get; set; }

    [StringLength(64)]
    [Display(Name = "Hand to (agent id or user name)")]
    public string? AssignTo { get; set; }

    [Display(Name = "Also recompute the open tickets it holds")]
    public bool ApplyToOpenTickets { get; set; }

    public static string TargetKey(string priority, string kind) => $"{priority}_{kind}";

    public static PolicyInput From(SlaPolicy policy) => new()
    {
        PolicyId = policy.PolicyId,
        Name = policy.Name,
        Position = policy.Position,
        Department = policy.Conditions.Department,
        Priority = policy.Conditions.Priority,
        CustomerId = policy.Conditions.CustomerId,
        CalendarId = policy.CalendarId,
        WarningMinutes = policy.WarningMinutes,
        Minutes = policy.Targets.SelectMany(priority => priority.Value.Select(kind => (Key: TargetKey(priority.Key, kind.Key), kind.Value)))
            .ToDictionary(target => target.Key, target => (int?)target.Value.Minutes),
        BusinessTime = policy.Targets.SelectMany(priority => priority.Value.Select(kind => (Key: TargetKey(priority.Key, kind.Key), kind.Value)))
            .ToDictionary(target => target.Key, target => target.Value.BusinessTime),
        RaisePriority = policy.Escalation.RaisePriority,
        EscalateToDepartment = policy.Escalation.Department,
        AssignTo = policy.Escalation.AssignTo,
    };

    public object ToApi(bool creating) => new
    {
        policy_id = creating ? PolicyId?.Trim() : null,
        name = Name?.Trim(),
        position = Position,
        conditions = new SlaConditions(Blank(Department), Blank(Priority), Blank(CustomerId)),
        calendar_id = CalendarId,
        warning_minutes = WarningMinutes,
        targets = Priorities.All.ToDictionary(
            priority => priority,
            priority => SlaKinds.All
                .Where(kind => Minutes.GetValueOrDefault(TargetKey(priority, kind)) is not null)
                .ToDictionary(kind => kind, kind => new SlaTerms(Minutes[TargetKey(priority, kind)]!.Value, BusinessTime.GetValueOrDefault(TargetKey(priority, kind)))))
            .Where(priority => priority.Value.Count > 0)
            .ToDictionary(),
        escalation = new SlaEscalation(RaisePriority, Blank(EscalateToDepartment), Blank(AssignTo)),
        apply_to_open_tickets = ApplyToOpenTickets,
    };

    /// <summary>The API's field names, each on its box; a target's on its minutes, the whole grid's on the first.</summary>
    public static IReadOnlyDictionary<string, string> ApiFields()
    {
        var fields = new Dictionary<string, string>
        {
            ["policy_id"] = Key(nameof(PolicyId)),
            ["name"] = Key(nameof(Name)),
            ["position"] = Key(nameof(Position)),
            ["conditions.department"] = Key(nameof(Department)),
            ["conditions.priority"] = Key(nameof(Priority)),
            ["conditions.customer_id"] = Key(nameof(CustomerId)),
            ["calendar_id"] = Key(nameof(CalendarId)),
            ["warning_minutes"] = Key(nameof(WarningMinutes)),
            ["escalation.department"] = Key(nameof(EscalateToDepartment)),
            ["escalation.assign_to"] = Key(nameof(AssignTo)),
            ["targets"] = MinutesKey(Priorities.All[0], SlaKinds.All[0]),
        };
        foreach (var priority in Priorities.All)
        {
            foreach (var kind in SlaKinds.All)
            {
                fields[$"targets.{priority}.{kind}.minutes"] = MinutesKey(priority, kind);
            }
        }

        return fields;
    }

    public static string MinutesKey(string priority, string kind) => Key($"{nameof(Minutes)}[{TargetKey(priority, kind)}]");

    public static string BusinessTimeKey(string priority, string kind) => Key($"{nameof(BusinessTime)}[{TargetKey(priority, kind)}]");

    private static string Key(string property) => $"{nameof(PolicyModel.Input)}.{property}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
