namespace CallCenter.Web.Localization;

/// <summary>
/// The one resource set for the pages' words. Keys are the English text, so English needs no resource file;
/// <c>UiText.ar.resx</c> holds the Arabic.
/// </summary>
public sealed class UiText;
