using System.ComponentModel.DataAnnotations;

namespace CallCenter.ApiService.Stats;

/// <summary>One department's entry under <c>Stats:Departments</c>.</summary>
public sealed class DepartmentStatsOptions
{
    [Range(0, 3600)]
    public int? ServiceLevelSeconds { get; set; }

    [Range(0.0, 1.0)]
    public double? ServiceLevelTarget { get; set; }
}
