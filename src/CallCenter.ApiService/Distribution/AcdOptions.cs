using System.ComponentModel.DataAnnotations;

namespace CallCenter.ApiService.Distribution;

/// <summary>The <c>Acd</c> configuration section: how calls are offered to agents and how long each step may take.</summary>
public sealed class AcdOptions : IValidatableObject
{
    public const string SectionName = "Acd";

    /// <summary>How long an offer rings before it goes to the next agent.</summary>
    [Range(1, 600)]
    public int RingTimeoutSeconds { get; set; } = 15;

    /// <summary>After-call work following every call; 0 means the agent is available as soon as the call ends.</summary>
    [Range(0, 3600)]
    public int WrapUpSeconds { get; set; } = 30;

    /// <summary>A waiting call gains one priority level per this many seconds, so low priority cannot starve; 0 or unset is off.</summary>
    [Range(0, 86_400)]
    public int? AgeingSeconds { get; set; }

    /// <summary>What an unconfigured floor offers; not the property's initial value, as binding appends to a list.</summary>
    public static readonly IReadOnlyList<string> DefaultBreakReasons = ["lunch", "training", "meeting"];

    /// <summary>Reason codes an agent may give for a break; when configured they replace the defaults.</summary>
    public List<string> BreakReasons { get; set; } = [];

    public static readonly IReadOnlyList<string> DefaultDispositionCodes = ["resolved", "follow_up", "escalated", "no_resolution"];

    /// <summary>Wrap-up codes an agent may record on a call; when configured they replace the defaults.</summary>
    public List<string> DispositionCodes { get; set; } = [];

    /// <summary>How many times a callback is offered before it is given up.</summary>
    [Range(1, 20)]
    public int CallbackMaxAttempts { get; set; } = 3;

    /// <summary>How long a callback that was not reached waits (keeping its place) before it is offered again.</summary>
    [Range(0, 86_400)]
    public int CallbackRetrySeconds { get; set; } = 300;

    /// <summary>Per-department rules, keyed by department; a department not named here is served automatically.</summary>
    public Dictionary<string, DepartmentAcdOptions> Departments { get; set; } = [];

    public IReadOnlyList<string> AllowedBreakReasons => BreakReasons.Count > 0 ? BreakReasons : DefaultBreakReasons;

    public IReadOnlyList<string> AllowedDispositionCodes => DispositionCodes.Count > 0 ? DispositionCodes : DefaultDispositionCodes;

    public TimeSpan RingTimeout => TimeSpan.FromSeconds(RingTimeoutSeconds);

    public TimeSpan? Ageing => AgeingSeconds is > 0 ? TimeSpan.FromSeconds(AgeingSeconds.Value) : null;

    public DepartmentAcdOptions For(string department) => Departments.GetValueOrDefault(department) ?? new();

    public TimeSpan WrapUpFor(string department) => TimeSpan.FromSeconds(For(department).WrapUpSeconds ?? WrapUpSeconds);

    /// <summary>Each department's entry is checked, and none may overflow to itself.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        DepartmentEntries.Validate(Departments).Concat(Departments
            .Where(entry => entry.Value.OverflowTo.Contains(entry.Key))
            .Select(entry => new ValidationResult(
                $"{nameof(Departments)}:{entry.Key}: a department cannot overflow to itself.",
                [$"{nameof(Departments)}:{entry.Key}:{nameof(DepartmentAcdOptions.OverflowTo)}"])));
}
