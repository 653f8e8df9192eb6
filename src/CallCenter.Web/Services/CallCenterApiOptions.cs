using System.ComponentModel.DataAnnotations;

namespace CallCenter.Web.Services;

public sealed class CallCenterApiOptions
{
    public const string SectionName = "CallCenterApi";

    /// <summary>Resolved through service discovery: <c>api</c> is the AppHost's resource name.</summary>
    [Required]
    public Uri BaseAddress { get; set; } = new("https+http://api");

    /// <summary>This app's own API key (the AppHost's <c>web-api-key</c>): with it the app acts for the person signed in.</summary>
    [Required]
    public string Key { get; set; } = "";
}
