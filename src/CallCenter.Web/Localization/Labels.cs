using Microsoft.Extensions.Localization;

namespace CallCenter.Web.Localization;

/// <summary>
/// Words for the API's codes (statuses, activities, priorities, departments, speakers, break reasons, wrap-up codes,
/// languages, SLA targets and what happened to them). The English words are the
/// <see cref="UiText"/> keys; the live scripts get the same table, translated, to label what events bring.
/// </summary>
public static class Labels
{
    private static readonly Dictionary<string, string> English = new()
    {
        ["initiated"] = "Starting",
        ["queued"] = "Waiting",
        ["ringing"] = "Ringing",
        ["in_progress"] = "In progress",
        ["on_hold"] = "On hold",
        ["ended"] = "Ended",
        ["abandoned"] = "Abandoned",
        ["open"] = "Open",
        ["pending"] = "Pending",
        ["resolved"] = "Resolved",
        ["closed"] = "Closed",
        ["low"] = "Low",
        ["medium"] = "Medium",
        ["high"] = "High",
        ["urgent"] = "Urgent",
        ["available"] = "Available",
        ["busy"] = "Busy",
        ["on_break"] = "On break",
        ["offline"] = "Offline",
        ["on_call"] = "On a call",
        ["wrap_up"] = "Wrap-up",
        ["missed"] = "Missed a call",
        ["lunch"] = "Lunch",
        ["training"] = "Training",
        ["meeting"] = "Meeting",
        ["follow_up"] = "Follow-up",
        ["escalated"] = "Escalated",
        ["no_resolution"] = "No resolution",
        ["ar"] = "Arabic",
        ["en"] = "English",
        ["sales"] = "Sales",
        ["support"] = "Support",
        ["complaints"] = "Complaints",
        ["billing"] = "Billing",
        ["bot"] = "Bot",
        ["customer"] = "Customer",
        ["agent"] = "Agent",
        ["supervisor"] = "Supervisor",
        ["admin"] = "Admin",
        ["system"] = "System",
        ["created"] = "Created",
        ["changed"] = "Changed",
        ["note"] = "Note",
        ["status"] = "Status",
        ["priority"] = "Priority",
        ["assigned_to"] = "Assignee",
        ["department"] = "Department",
        ["reply"] = "Reply",
        ["customer_update"] = "Customer update",
        ["first_response"] = "First response",
        ["next_response"] = "Next response",
        ["resolution"] = "Resolution",
        ["active"] = "Running",
        ["paused"] = "Paused",
        ["achieved"] = "Achieved",
        ["breached"] = "Breached",
        ["breaching_soon"] = "Breaching soon",
        ["started"] = "Started",
        ["resumed"] = "Resumed",
        ["warned"] = "Warned",
        ["retargeted"] = "Retargeted",
        ["sunday"] = "Sunday",
        ["monday"] = "Monday",
        ["tuesday"] = "Tuesday",
        ["wednesday"] = "Wednesday",
        ["thursday"] = "Thursday",
        ["friday"] = "Friday",
        ["saturday"] = "Saturday",
    };

    /// <summary>The translated word for an API code; an unknown code (a new department, say) shows as itself.</summary>
    public static string Of(this IStringLocalizer<UiText> text, string? code) =>
        code is null ? "" : English.TryGetValue(code, out var english) ? text[english] : code;

    /// <summary>Every code with its translated word, for the pages' scripts.</summary>
    public static IReadOnlyDictionary<string, string> All(IStringLocalizer<UiText> text) =>
        English.ToDictionary(pair => pair.Key, pair => text[pair.Value].Value);
}
