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

    public static bool IsUnavailable(Exception exception) => exception switch
    {
        BrokenCircuitException => true,
        PostgresException postgres => IsUnavailableState(postgres.SqlState),
        // Npgsql's own failures carry the cause inside: a refused or reset socket, a stream cut short, a timeout.
        NpgsqlException { InnerException: { } cause } => IsLinkFailure(cause),
        _ => false,
    };

    private static bool IsLinkFailure(Exception exception) => exception switch
    {
        SocketException or IOException or TimeoutException or EndOfStreamException => true,
        PostgresException postgres => IsUnavailableState(postgres.SqlState),
        _ => exception.InnerException is { } inner && IsLinkFailure(inner),
    };
}
