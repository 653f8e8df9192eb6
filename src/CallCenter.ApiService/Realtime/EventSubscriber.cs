using System.Threading.Channels;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Realtime;

/// <summary>What one socket asked for (some topics, one call, or everything), within what its caller may see.</summary>
public sealed record EventFilter(IReadOnlySet<string>? Topics, string? CallId)
{
    /// <summary>Every event, the figures included: for the replica's own workers, not for a caller.</summary>
    public static readonly EventFilter Everything = new(null, null);

    /// <summary>An agent's department: calls, tickets and messages of others stay out (their own always come).</summary>
    public string? Department { get; init; }

    public string? AgentId { get; init; }

    /// <summary>Whether the floor's figures come through: only for callers who may supervise.</summary>
    public bool SeesStats { get; init; } = true;

    public bool Matches(LiveEvent liveEvent) =>
        (Topics is null || Topics.Contains(liveEvent.Topic))
        && (SeesStats || liveEvent.Topic != LiveEvent.StatsTopic)
        && (CallId is null || liveEvent.CallId == CallId)
        && (Department is null || liveEvent.Topic == "agents" || liveEvent.Department == Department || (AgentId is not null && liveEvent.AgentId == AgentId));

    /// <summary>
    /// This filter narrowed to what <paramref name="caller"/> may see. Asking for the stats topic without the right is
    /// refused (403 naming topics) rather than answered with a socket that never speaks; without a topics filter the
    /// figures are silently left out.
    /// </summary>
    public EventFilter For(Security.FloorCaller caller)
    {
        if (caller.MaySupervise)
        {
            return this;
        }

        if (Topics?.Contains(LiveEvent.StatsTopic) == true)
        {
            throw ApiProblemException.Forbidden("topics", "stats is for supervisors and admins.");
        }

        var narrowed = this with { SeesStats = false };
        return caller.IsAgent ? narrowed with { Department = caller.Department, AgentId = caller.AgentId } : narrowed;
    }
}

/// <summary>
/// A socket's bounded inbox on this replica's feed. When it fills up the socket is closed rather than let a
/// client that stopped reading hold memory or slow the others; it resumes with last_event_id.
/// </summary>
public sealed class EventSubscriber(EventFilter filter, int capacity, long startedAfter, CancellationTokenSource? cutOff = null)
{
    private readonly EventInbox _inbox = new(capacity);

    public EventFilter Filter { get; } = filter;

    /// <summary>The feed's last event when this subscriber joined: everything after it arrives here.</summary>
    public long StartedAfter { get; } = startedAfter;

    /// <summary>How long a full inbox waits for a blocked write to the client before the connection is dropped.</summary>
    public static readonly TimeSpan OverflowGrace = TimeSpan.FromSeconds(2);

    public bool Overflowed { get; private set; }

    public ChannelReader<LiveEvent> Inbox => _inbox;

    internal void Offer(LiveEvent liveEvent)
    {
        if (!Filter.Matches(liveEvent) || _inbox.TryWrite(liveEvent) || _inbox.IsCompleted)
        {
            return;
        }

        Overflowed = true;
        _inbox.TryComplete();
        try
        {
            // A little later: a write still stuck on the client by then is abandoned.
            cutOff?.CancelAfter(OverflowGrace);
        }
        catch (ObjectDisposedException)
        {
            // The socket ended between the full inbox and here.
        }
    }

    /// <summary>Ends the socket this inbox feeds (the server is stopping).</summary>
    internal void CutOff()
    {
        try
        {
            cutOff?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That socket has just ended.
        }
    }

    internal void Close() => _inbox.TryComplete();
}
