using System.Net.Sockets;
using Npgsql;
using Polly.CircuitBreaker;

namespace CallCenter.ApiService.Data;

/// <summary>
/// Tells "PostgreSQL cannot be reached right now" (the server is down, restarting, refusing connections, or the link
/// broke) from every other database error. The first kind is worth a 503 and a retry; the rest are bugs or bad data.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>
    /// SQLSTATEs of a server that is away or not ready: class 08 (connection exception), 57P01–57P03 (shut down,
    /// crashed, starting up) and 53300 (too many connections).
    /// </summary>
    public static bool IsUnavailableState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;

    /// <summary>
    /// A statement this connection prepared no longer fits the schema: another replica's migration changed a table it
    /// reads (PostgreSQL: "cached plan must not change result type", 0A000). The statement did nothing; run on a fresh
    /// connection it works. Any 0A000 counts: another one fails again on the retry, as it would have anyway.
    /// </summary>
    public static bool IsStalePlan(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.FeatureNotSupported };

    /// <summary>Worth a 503: the server is away, the circuit is open, or no connection could be had in time.</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is BrokenCircuitException or InterruptedWriteException
        || IsServerAway(exception) || exception is NpgsqlException { InnerException: TimeoutException };

    /// <summary>
    /// The server is not there: refused or reset connections, a stream cut short, a server shutting down or starting.
    /// Only these open the circuit. A timeout does not: on a busy machine a slow connect means load, not absence.
    /// </summary>
    public static bool IsServerAway(Exception exception) => exception switch
    {
        InterruptedWriteException { InnerException: { } cause } => IsServerAway(cause),
        PostgresException postgres => IsUnavailableState(postgres.SqlState),
        // Npgsql's own failures carry the cause inside.
        NpgsqlException { InnerException: { } cause } => IsLinkFailure(cause),
        _ => false,
    };

    private static bool IsLinkFailure(Exception exception) => exception switch
    {
        SocketException or EndOfStreamException => true,
        PostgresException postgres => IsUnavailableState(postgres.SqlState),
        // An IOException wraps the socket's error, or is the stream ending; a timeout inside one is not an absence.
        IOException { InnerException: null } => true,
        _ => exception.InnerException is { } inner && IsLinkFailure(inner),
    };
}
