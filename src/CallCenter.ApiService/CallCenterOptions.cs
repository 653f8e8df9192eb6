using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService;

/// <summary>The <c>CallCenter</c> configuration section: the floor's departments, its clock and how numbers are read.</summary>
public sealed class CallCenterOptions : IValidatableObject
{
    public const string SectionName = "CallCenter";

    /// <summary>Departments calls are routed to and tickets belong to.</summary>
    [MinLength(1)]
    public List<string> Departments { get; set; } = [];

    /// <summary>Department a ticket lands in when the client names none.</summary>
    [Required]
    public string DefaultDepartment { get; set; } = "support";

    /// <summary>Region for numbers written without a country code (ISO 3166 alpha-2); the seed's callers are Saudi.</summary>
    [Required, RegularExpression("^[A-Z]{2}$")]
    public string DefaultPhoneRegion { get; set; } = "SA";

    /// <summary>
    /// The center's time zone (an IANA id such as <c>Asia/Riyadh</c>): where its days start, for "today" and daily and
    /// 15-minute report buckets.
    /// </summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Seeds demo agents, customers and tickets (Development only).</summary>
    public bool SeedDemoData { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult(
                $"CallCenter:TimeZone '{TimeZone}' is not a known time zone; use an IANA id such as Asia/Riyadh or UTC.", [nameof(TimeZone)]);
        }
    }

    /// <summary>Returns the department when it is one of ours; otherwise the named field is the client's error.</summary>
    public string EnsureDepartment(string? department, string field) =>
        department is not null && Departments.Contains(department)
            ? department
            : throw ApiProblemException.Invalid(field, $"must be one of: {string.Join(", ", Departments)}.");
}
