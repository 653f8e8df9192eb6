using System.Reflection;
using CallCenter.ApiService.Events;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Webhooks;

/// <summary>The event types an endpoint may ask for: the live ones, or <c>*</c> for all, those added later included.</summary>
public static class WantedEvents
{
    public const string All = "*";

    public const string Field = "event_types";

    public static IReadOnlySet<string> Known { get; } = typeof(EventTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The list as stored: distinct, in the order given; refuses (400 naming <c>event_types</c>) unknown types.</summary>
    public static string[] Check(IEnumerable<string> types)
    {
        var wanted = types.Select(type => type.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        var unknown = wanted.Where(type => type != All && !Known.Contains(type)).ToList();
        if (unknown.Count > 0)
        {
            throw ApiProblemException.Invalid(Field, $"unknown event type(s) {string.Join(", ", unknown)}; use {All} or any of {string.Join(", ", Known.Order())}.");
        }

        return wanted.Contains(All) ? [All] : wanted;
    }
}
