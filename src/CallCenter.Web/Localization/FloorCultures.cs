using System.Globalization;

namespace CallCenter.Web.Localization;

/// <summary>The languages the pages speak; Arabic lays out right to left.</summary>
public static class FloorCultures
{
    public const string English = "en";
    public const string Arabic = "ar";

    public static readonly string[] All = [English, Arabic];

    public static string Direction(this CultureInfo culture) => culture.TextInfo.IsRightToLeft ? "rtl" : "ltr";
}
