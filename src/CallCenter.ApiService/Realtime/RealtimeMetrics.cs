using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CallCenter.ApiService.Realtime;

/// <summary>What ops watch on the dashboard: sockets, events through the bus, fan-out lag, replays.</summary>
public sealed class RealtimeMetrics
{
    public const string MeterName = "CallCenter.Realtime";

    public static readonly ActivitySource ActivitySource = new(MeterName);

    public RealtimeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        SocketsOpen = meter.CreateUpDownCounter<int>("callcenter.sockets.open", description: "WebSockets open on this replica.");
        EventsPublished = meter.CreateCounter<long>("callcenter.events.published", description: "Events this replica committed and published.");
        EventsDelivered = meter.CreateCounter<long>("callcenter.events.delivered", description: "Event frames written to sockets.");
        EventsCaughtUp = meter.CreateCounter<long>("callcenter.events.caught_up", description: "Events this replica read from PostgreSQL because Redis did not bring them.");
        FanOutLag = meter.CreateHistogram<double>("callcenter.events.fanout_lag", unit: "ms", description: "From the event's commit to its write on a socket.");
        ReplaysServed = meter.CreateCounter<long>("callcenter.events.replays", description: "Resumes served from PostgreSQL (last_event_id).");
        SlowSocketsClosed = meter.CreateCounter<long>("callcenter.sockets.closed_slow", description: "Sockets closed because they stopped reading.");
    }

    public UpDownCounter<int> SocketsOpen { get; }

    public Counter<long> EventsPublished { get; }

    public Counter<long> EventsDelivered { get; }

    public Counter<long> EventsCaughtUp { get; }

    public Histogram<double> FanOutLag { get; }

    public Counter<long> ReplaysServed { get; }

    public Counter<long> SlowSocketsClosed { get; }
}
