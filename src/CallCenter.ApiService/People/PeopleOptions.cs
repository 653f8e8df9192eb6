using System.ComponentModel.DataAnnotations;

namespace CallCenter.ApiService.People;

/// <summary>The <c>People</c> section: who is seeded, how passwords are judged and how wrong ones lock an account.</summary>
public sealed class PeopleOptions
{
    public const string SectionName = "People";

    /// <summary>
    /// The AppHost's <c>admin-password</c> parameter: at start, when no enabled admin exists, a person <c>admin</c>
    /// is created with it. Never applied to an existing person.
    /// </summary>
    [MinLength(PasswordRules.MinimumLength)]
    public string? BootstrapAdminPassword { get; set; }

    /// <summary>Development's demo people (AGT-001…AGT-008, supervisor, admin) are created with it.</summary>
    [MinLength(8)]
    public string? DemoPassword { get; set; }

    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);
}
