using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Realtime;

public sealed class LiveUpdateRequest : IApiRequest
{
    public static readonly string[] KnownTopics = ["calls", "tickets", "agents", "messages", LiveEvent.StatsTopic];

    /// <summary>Resume: every event after this id is replayed first, then live ones follow.</summary>
    [Range(0, long.MaxValue)]
    public long? LastEventId { get; init; }

    /// <summary>
    /// Comma-separated: calls, tickets, agents, messages, stats (supervisors and admins only). All when omitted, stats
    /// included only for those who may read it.
    /// </summary>
    [StringLength(64)]
    public string? Topics { get; init; }

    /// <summary>Only the events of one call (its status changes and its transcript).</summary>
    [StringLength(32)]
    public string? CallId { get; init; }

    public static ValueTask<LiveUpdateRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<LiveUpdateRequest>(context);

    public EventFilter ToFilter()
    {
        HashSet<string>? topics = null;
        if (!string.IsNullOrWhiteSpace(Topics))
        {
            topics = [.. Topics.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            var unknown = topics.Except(KnownTopics).ToList();
            if (unknown.Count > 0)
            {
                throw ApiProblemException.Invalid("topics", $"unknown topic(s) {string.Join(", ", unknown)}; use {string.Join(", ", KnownTopics)}.");
            }
        }

        return new EventFilter(topics, CallId);
    }
}

public sealed class EventPageRequest : IApiRequest
{
    /// <summary>Events with a greater id are returned, oldest first.</summary>
    [Range(0, long.MaxValue)]
    public long? After { get; init; }

    [Range(1, 1000)]
    public int? Limit { get; init; }

    public static ValueTask<EventPageRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<EventPageRequest>(context);
}

/// <summary>A page of the event stream; <c>reset</c> says <c>after</c> is older than the events kept.</summary>
public sealed record EventPage(IReadOnlyList<System.Text.Json.JsonElement> Events, long LastEventId, long OldestEventId, bool Reset);
