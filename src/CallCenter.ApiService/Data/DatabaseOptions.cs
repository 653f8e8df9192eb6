using System.ComponentModel.DataAnnotations;

namespace CallCenter.ApiService.Data;

/// <summary>The <c>Database</c> configuration section: how the API behaves while PostgreSQL is away.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>The <c>application_name</c> of the API's connections: units of work, and the shared reads.</summary>
    public const string WritePoolName = "callcenter-api";

    public const string ReadPoolName = "callcenter-api-reads";

    /// <summary>
    /// How long opening a connection may take (Npgsql's <c>Timeout</c>, whole seconds), which also bounds the wait
    /// for a free pooled connection. A server that is down refuses at once and the circuit answers 503 from then on,
    /// so this only bounds a server that does not answer at all. Kept at Npgsql's 15 s: on a loaded 2-core machine a
    /// burst of 120 new connections took longer than 5 s to open, and a shorter bound turned load into 503s.
    /// </summary>
    [Range(1, 60)]
    public int ConnectTimeoutSeconds { get; set; } = 15;

    /// <summary>
    /// How many statements each connection keeps prepared (Npgsql's <c>Max Auto Prepare</c>; 0 prepares none). A
    /// statement run twice on a connection is prepared, so PostgreSQL plans it once instead of on every run: planning
    /// was most of the event sequencer's time (≈ 1.1 of 1.5 ms per move), and it runs one at a time. Statements that
    /// read <c>*</c> fail once on an old replica if a migration changes their table's columns under it (PostgreSQL's
    /// "cached plan must not change result type"); Npgsql prepares them again on the next run.
    /// </summary>
    [Range(0, 1000)]
    public int PreparedStatements { get; set; } = 100;

    /// <summary>
    /// Reads go through Npgsql's multiplexing pool: concurrent reads share connections, and their statements reach
    /// PostgreSQL in one write and come back in one read instead of a round trip each. Measured on the 2-core machine
    /// (bench, throughput): <c>GET /api/calls/queue</c> 3,729 → 6,912 req/s, <c>GET /api/agents</c> 2,453 → 4,140.
    /// Writes keep a connection of their own for their transaction either way. <c>false</c> reads on that pool too.
    /// </summary>
    public bool MultiplexedReads { get; set; } = true;

    /// <summary>
    /// The most connections the multiplexed reads open (Npgsql's <c>Max Pool Size</c> for them), beside the writes'
    /// own pool: each carries many reads at once, and PostgreSQL's <c>max_connections</c> is shared by every replica.
    /// </summary>
    [Range(1, 100)]
    public int ReadConnections { get; set; } = 16;

    /// <summary>How long the circuit stays open, answering 503 at once, before one request tries PostgreSQL again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:01:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Share of failed connection attempts, over the sampling window, that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>At least this many attempts in the window before the ratio counts: one unlucky request is not an outage.</summary>
    [Range(2, 1000)]
    public int MinimumThroughput { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The readiness check's bound: <c>/health</c> answers within a second even when PostgreSQL does not.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromMilliseconds(900);
}
