using System.ComponentModel.DataAnnotations;

namespace CallCenter.Web.Services;

public sealed class CallCenterApiOptions
{
    public const string SectionName = "CallCenterApi";

    /// <summary>
    /// Resolved through service discovery: <c>gateway</c> is the AppHost's resource in front of the API's replicas, which
    /// drops a dead replica at once.
    /// </summary>
    [Required]
    public Uri BaseAddress { get; set; } = new("https+http://gateway");

    /// <summary>This app's own API key (the AppHost's <c>web-api-key</c>): with it the app acts for the person signed in.</summary>
    [Required]
    public string Key { get; set; } = "";
}
