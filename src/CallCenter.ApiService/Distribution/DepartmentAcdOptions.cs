using System.ComponentModel.DataAnnotations;

namespace CallCenter.ApiService.Distribution;

/// <summary>One department's entry under <c>Acd:Departments</c>; anything left unset follows the floor's defaults.</summary>
public sealed class DepartmentAcdOptions
{
    [RegularExpression("^(auto|manual)$")]
    public string Mode { get; set; } = AcdMode.Auto;

    /// <summary>Order candidates by proficiency (highest first) before idle time.</summary>
    public bool ProficiencyFirst { get; set; }

    /// <summary>Overrides <see cref="AcdOptions.WrapUpSeconds"/> for this department's calls; 0 means none.</summary>
    [Range(0, 3600)]
    public int? WrapUpSeconds { get; set; }

    /// <summary>Departments whose agents may also take this department's calls once they have waited <see cref="OverflowAfterSeconds"/>.</summary>
    public List<string> OverflowTo { get; set; } = [];

    [Range(0, 86_400)]
    public int OverflowAfterSeconds { get; set; } = 60;
}
