using System.ComponentModel.DataAnnotations;

namespace CallCenter.ApiService.Realtime;

/// <summary>The <c>Realtime</c> configuration section.</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Realtime";

    /// <summary>How often a replica reads PostgreSQL for events Redis did not bring (Redis down, a publisher died).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long the feed waits for Redis to bring an event it is missing before it reads PostgreSQL (0: at once). Two
    /// replicas' publishes often cross, so a replica sees the other's event a moment after its own later one; the bus
    /// nearly always brings it well within this, and a read for each crossing cost PostgreSQL more than the event.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan GapGrace { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Events a socket may have waiting before it is closed as too slow (it resumes with last_event_id).</summary>
    [Range(16, 1_000_000)]
    public int SocketBufferEvents { get; set; } = 4096;

    /// <summary>How long events stay replayable; a resume from further back gets <c>sync:reset</c>.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often a replica looks for outbox rows nobody numbered (their writer died between commit and numbering).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a write waits for its event's number before answering anyway (the sweep numbers it later).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan NumberingTimeout { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}
