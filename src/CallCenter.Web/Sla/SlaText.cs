using CallCenter.Web.Localization;
using CallCenter.Web.Services;
using Microsoft.Extensions.Localization;

namespace CallCenter.Web.Sla;

/// <summary>The SLA countdown's words, rendered by the server first and by wwwroot/js/sla.js as it ticks.</summary>
public static class SlaText
{
    /// <summary>"First response · 42m 10s left", "Resolution · paused", or nothing when no target is open.</summary>
    public static string Countdown(this IStringLocalizer<UiText> text, TicketSla? sla)
    {
        if (sla?.NextTarget is not { } target)
        {
            return "";
        }

        if (sla.NextTargetPaused || sla.NextMinutesLeft is not { } minutes)
        {
            return text["{0} · paused", text.Of(target)];
        }

        var (template, larger, smaller) = SlaCountdown.Parts(minutes);
        return text["{0} · {1}", text.Of(target), text[template, larger, smaller]];
    }

    /// <summary>The same words for the scripts, keyed by their English template.</summary>
    public static IReadOnlyDictionary<string, string> ForScripts(IStringLocalizer<UiText> text) =>
        SlaCountdown.Templates.Append("{0} · paused").Append("{0} · {1}").ToDictionary(key => key, key => text[key].Value);
}
