using System.ComponentModel.DataAnnotations;

namespace CallCenter.Web.SignIn;

/// <summary>
/// The <c>SignIn</c> section. People, passwords and lockout live in the API (its <c>People</c> section); here only
/// how often a sign-in cookie is checked against the person it speaks for.
/// </summary>
public sealed class FloorSignInOptions
{
    public const string SectionName = "SignIn";

    /// <summary>
    /// How long this replica trusts what it last heard about a person. A change made through this replica counts at
    /// once; one made elsewhere (another Web replica, the API directly) within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
