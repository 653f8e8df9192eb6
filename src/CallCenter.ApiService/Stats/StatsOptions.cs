using System.ComponentModel.DataAnnotations;

namespace CallCenter.ApiService.Stats;

/// <summary>The <c>Stats</c> configuration section: the thresholds the floor's figures are judged by.</summary>
public sealed class StatsOptions : IValidatableObject
{
    public const string SectionName = "Stats";

    /// <summary>A caller who hangs up sooner than this was a short abandon: left out of service level and abandon rate.</summary>
    [Range(0, 3600)]
    public int ShortAbandonSeconds { get; set; } = 5;

    /// <summary>T of service level: a call answered after waiting at most this long was answered in time.</summary>
    [Range(0, 3600)]
    public int ServiceLevelSeconds { get; set; } = 20;

    /// <summary>The share of calls the floor aims to answer within T, shown beside service level.</summary>
    [Range(0.0, 1.0)]
    public double ServiceLevelTarget { get; set; } = 0.8;

    /// <summary>
    /// The shortest time between two pushes of the live figures (<c>stats:updated</c>) while the floor moves; 0 turns
    /// the push, and the <c>CallCenter.Floor</c> gauges it feeds, off.
    /// </summary>
    [Range(0, 3600)]
    public int PushIntervalSeconds { get; set; } = 1;

    /// <summary>Per-department T and target, keyed by department; anything unset follows the floor's values.</summary>
    public Dictionary<string, DepartmentStatsOptions> Departments { get; set; } = [];

    public TimeSpan ShortAbandon => TimeSpan.FromSeconds(ShortAbandonSeconds);

    public TimeSpan PushInterval => TimeSpan.FromSeconds(PushIntervalSeconds);

    public int ServiceLevelSecondsFor(string? department) =>
        department is not null && Departments.GetValueOrDefault(department)?.ServiceLevelSeconds is { } seconds ? seconds : ServiceLevelSeconds;

    /// <summary>The whole center (<paramref name="department"/> null) is held to the floor's target.</summary>
    public double ServiceLevelTargetFor(string? department) =>
        department is not null && Departments.GetValueOrDefault(department)?.ServiceLevelTarget is { } target ? target : ServiceLevelTarget;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => DepartmentEntries.Validate(Departments);
}
