using System.Net.Sockets;
using CallCenter.ApiService.Data;
using CsCheck;
using Npgsql;
using Polly.CircuitBreaker;

namespace CallCenter.UnitTests.Data;

/// <summary>Which database errors mean "PostgreSQL is away" (a 503 worth retrying) and which are bugs or bad data (not).</summary>
public sealed class DatabaseFailuresTests
{
    private static Gen<string> OneOf(params string[] values) => Gen.Int[0, values.Length - 1].Select(index => values[index]);

    private static PostgresException ServerError(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    [Theory]
    [InlineData("57P01")] // admin_shutdown: the server is stopping
    [InlineData("57P02")] // crash_shutdown: another backend crashed
    [InlineData("57P03")] // cannot_connect_now: starting up after a restart
    [InlineData("53300")] // too_many_connections
    [InlineData("08006")] // connection_failure
    [InlineData("08001")] // sqlclient_unable_to_establish_sqlconnection
    public void ServerAwayOrNotReadyIsUnavailable(string sqlState) => Assert.True(DatabaseFailures.IsUnavailable(ServerError(sqlState)));

    [Theory]
    [InlineData("23505")] // unique_violation: a conflict, the request's business
    [InlineData("42P01")] // undefined_table: a bug
    [InlineData("40001")] // serialization_failure: the database is there
    [InlineData("22P02")] // invalid_text_representation: bad data
    public void ErrorsOfARunningServerAreNot(string sqlState) => Assert.False(DatabaseFailures.IsUnavailable(ServerError(sqlState)));

    [Fact]
    public void RefusedResetOrCutLinksAreUnavailable()
    {
        Assert.True(DatabaseFailures.IsUnavailable(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(DatabaseFailures.IsUnavailable(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.True(DatabaseFailures.IsUnavailable(new NpgsqlException("Exception while writing to stream", new IOException("reset", new SocketException((int)SocketError.ConnectionReset)))));
    }

    [Fact]
    public void ATimeoutIsUnavailableButDoesNotSayTheServerIsAway()
    {
        // A busy machine connects slowly; only a server that is not there may open the circuit.
        var timeout = new NpgsqlException("Timeout during connection attempt", new TimeoutException());
        Assert.True(DatabaseFailures.IsUnavailable(timeout));
        Assert.False(DatabaseFailures.IsServerAway(timeout));
        var readTimeout = new NpgsqlException("Exception while reading from stream", new IOException("timed out", new TimeoutException()));
        Assert.False(DatabaseFailures.IsServerAway(readTimeout));
    }

    [Fact]
    public void RefusedAndCutLinksSayTheServerIsAway()
    {
        Assert.True(DatabaseFailures.IsServerAway(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(DatabaseFailures.IsServerAway(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.True(DatabaseFailures.IsServerAway(ServerError("57P03")));
        Assert.False(DatabaseFailures.IsServerAway(new BrokenCircuitException("open")));
    }

    [Fact]
    public void AnInterruptedWriteIsUnavailableAndSaysWhyThroughItsCause()
    {
        var refused = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());
        Assert.True(DatabaseFailures.IsUnavailable(new InterruptedWriteException(mayHaveCommitted: true, refused)));
        Assert.True(DatabaseFailures.IsServerAway(new InterruptedWriteException(mayHaveCommitted: true, refused)));
        var slow = new NpgsqlException("Timeout during connection attempt", new TimeoutException());
        Assert.False(DatabaseFailures.IsServerAway(new InterruptedWriteException(mayHaveCommitted: false, slow)));
    }

    [Fact]
    public void AnOpenCircuitIsUnavailable() => Assert.True(DatabaseFailures.IsUnavailable(new BrokenCircuitException("open", TimeSpan.FromSeconds(1))));

    [Fact]
    public void OtherErrorsAreNot()
    {
        Assert.False(DatabaseFailures.IsUnavailable(new NpgsqlException("Received an unexpected message")));
        Assert.False(DatabaseFailures.IsUnavailable(new InvalidOperationException("A bug", new SocketException())));
        Assert.False(DatabaseFailures.IsUnavailable(new TimeoutException()));
    }

    [Fact]
    public void OnlyClass08AndTheListedStatesCount() =>
        // Classes that share a first digit or a prefix with the listed states, so near misses are tried often.
        Gen.Select(OneOf("08", "57", "53", "58", "80", "40"), OneOf("P0", "00", "30", "P1"), Gen.Char['0', '4'],
                (@class, middle, last) => @class + middle + last)
            .Sample(state =>
            Assert.Equal(
                state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03" or "53300",
                DatabaseFailures.IsUnavailableState(state)));
}
