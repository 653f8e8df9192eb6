using System.ComponentModel.DataAnnotations;

namespace CallCenter.Web.Hosting;

/// <summary>
/// The <c>SecurityHeaders</c> section: what every response lets the browser do with it. The defaults allow this
/// app's own files only (no inline script or style, no framing), which is all the pages need.
/// </summary>
public sealed class SecurityHeadersOptions
{
    public const string SectionName = "SecurityHeaders";

    /// <summary>
    /// connect-src 'self' covers the live socket: CSP Level 3 lets 'self' match ws: from an http: page and wss: from
    /// an https: one, and Chromium does (the browser tests go live under this policy), so no origin is written in.
    /// </summary>
    [Required]
    public string ContentSecurityPolicy { get; set; } =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>Addresses name calls, tickets and customers: they never leave for another site.</summary>
    [Required]
    public string ReferrerPolicy { get; set; } = "same-origin";

    /// <summary>The pages use no device or payment feature; a script that gets in cannot ask for them either.</summary>
    [Required]
    public string PermissionsPolicy { get; set; } = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
}
