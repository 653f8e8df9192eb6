using System.ComponentModel.DataAnnotations;

namespace CallCenter.Web.Floor;

/// <summary>The <c>Floor</c> section: what the pages offer in their pickers and how long their lists are.</summary>
public sealed class FloorOptions
{
    public const string SectionName = "Floor";

    /// <summary>The API's departments (its <c>CallCenter:Departments</c>); the API stays the judge of what is valid.</summary>
    [MinLength(1)]
    public List<string> Departments { get; set; } = [];

    [Range(5, 200)]
    public int PageSize { get; set; } = 20;
}
