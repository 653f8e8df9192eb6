using System.ComponentModel.DataAnnotations;

namespace CallCenter.Web.SignIn;

/// <summary>The <c>SignIn</c> section: how many wrong passwords lock an account, and for how long.</summary>
public sealed class FloorSignInOptions
{
    public const string SectionName = "SignIn";

    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// The root key <c>DemoPassword</c>, fed by the AppHost's secret parameter <c>demo-password</c>: in Development the
/// seeded people (AGT-001…AGT-008, supervisor, admin) sign in with it. Other environments seed nobody.
/// </summary>
public sealed class DemoFloorOptions
{
    [MinLength(8)]
    public string? DemoPassword { get; set; }
}
