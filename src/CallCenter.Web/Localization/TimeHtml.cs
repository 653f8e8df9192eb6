using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CallCenter.Web.Localization;

public static class TimeHtml
{
    /// <summary>
    /// A <c>&lt;time&gt;</c> in UTC, Gregorian and invariant (Arabic's default calendar would be Hijri); the
    /// page's script rewrites it in the reader's time zone and language.
    /// </summary>
    public static IHtmlContent Time(this IHtmlHelper html, DateTime? value)
    {
        if (value is null)
        {
            return HtmlString.Empty;
        }

        var utc = DateTime.SpecifyKind(value.Value, DateTimeKind.Utc);
        var builder = new TagBuilder("time");
        builder.Attributes["datetime"] = utc.ToString("O", CultureInfo.InvariantCulture);
        builder.InnerHtml.Append(utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        return builder;
    }
}
