namespace CallCenter.Web.Pages.Shared;

/// <summary>The reply box of a call page: who speaks is the page's business, not the form's.</summary>
public sealed record SayForm(string CallId, string Label, SayInput Input, string? Error, bool Closed);
