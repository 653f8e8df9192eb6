using System.ComponentModel.DataAnnotations;

namespace CallCenter.Web.Services;

public sealed class CallCenterApiOptions
{
    public const string SectionName = "CallCenterApi";

    /// <summary>Resolved through service discovery: <c>api</c> is the AppHost's resource name.</summary>
    [Required]
    public Uri BaseAddress { get; set; } = new("https+http://api");
}
