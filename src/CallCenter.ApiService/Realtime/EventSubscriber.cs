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
    private const int OverflowedFlag = 1;
    private const int LiveFlag = 2;
    private const int ArmedFlag = 4;

    private readonly EventInbox _inbox = new(capacity);
    private int _state;

    public EventFilter Filter { get; } = filter;

    /// <summary>The feed's last event when this subscriber joined: everything after it arrives here.</summary>
    public long StartedAfter { get; } = startedAfter;

    /// <summary>How long a full inbox waits for a blocked write to the client before the connection is dropped.</summary>
    public static readonly TimeSpan OverflowGrace = TimeSpan.FromSeconds(2);

    public bool Overflowed => (Volatile.Read(ref _state) & OverflowedFlag) != 0;

    public ChannelReader<LiveEvent> Inbox => _inbox;

    internal void Offer(LiveEvent liveEvent)
    {
        if (!Filter.Matches(liveEvent) || _inbox.TryWrite(liveEvent) || _inbox.IsCompleted)
        {
            return;
        }

        _inbox.TryComplete();
        CutOffLaterIf(OverflowedFlag);
    }

    /// <summary>
    /// The socket is past its replay and sends from the inbox. An inbox that overflows during a replay that still moves
    /// does not cut the replay off: the socket finishes it, drains the inbox and closes with where to resume.
    /// </summary>
    public void GoLive() => CutOffLaterIf(LiveFlag);

    /// <summary>Once overflowed and live (in either order, from either thread), a write still stuck after the grace is abandoned, once.</summary>
    private void CutOffLaterIf(int flag)
    {
        var state = Interlocked.Or(ref _state, flag) | flag;
        if ((state & (OverflowedFlag | LiveFlag)) != (OverflowedFlag | LiveFlag) || (Interlocked.Or(ref _state, ArmedFlag) & ArmedFlag) != 0)
        {
            return;
        }

        try
        {
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
