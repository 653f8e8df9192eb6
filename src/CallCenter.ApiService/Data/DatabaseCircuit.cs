using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.CircuitBreaker;

namespace CallCenter.ApiService.Data;

/// <summary>
/// Every connection to PostgreSQL is opened here, through a circuit breaker. While the server is away, a few failed
/// attempts open the circuit and requests are refused at once (503 with Retry-After) instead of each one trying;
/// after <see cref="DatabaseOptions.BreakDuration"/> one attempt probes, and its success closes the circuit.
/// </summary>
public sealed class DatabaseCircuit
{
    public const string PipelineName = "postgresql";

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _reads;
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly TimeSpan _breakDuration;

    public DatabaseCircuit(
        NpgsqlDataSource dataSource,
        [FromKeyedServices(Hosting.ApplicationServiceExtensions.DatabaseConnectionName)] NpgsqlDataSource multiplexed,
        IOptions<DatabaseOptions> options,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        _dataSource = dataSource;
        var settings = options.Value;
        _reads = settings.MultiplexedReads ? multiplexed : dataSource;
        _breakDuration = settings.BreakDuration;
        _pipeline = new ResiliencePipelineBuilder { Name = PipelineName, TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(DatabaseFailures.IsServerAway),
                StateProvider = _state,
                OnOpened = _ =>
                {
                    // The pooled connections died with the server; the first query on each would fail in turn.
                    ClearPools();
                    return default;
                },
            })
            .ConfigureTelemetry(loggers)
            .Build();
    }

    /// <summary>Open or isolated: requests are refused without trying.</summary>
    public bool IsOpen => _state.CircuitState is CircuitState.Open or CircuitState.Isolated;

    /// <summary>What a refused client is told to wait: the break, whole seconds, at least one.</summary>
    public TimeSpan RetryAfter => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(_breakDuration.TotalSeconds)));

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(static (source, token) => source.OpenConnectionAsync(token), _dataSource, cancellationToken);

    /// <summary>
    /// A connection for statements that stand alone (or in a transaction of their own): it may share its physical
    /// connection with other reads (<see cref="DatabaseOptions.MultiplexedReads"/>), so nothing may rely on session state.
    /// </summary>
    public ValueTask<NpgsqlConnection> OpenReadConnectionAsync(CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(static (source, token) => source.OpenConnectionAsync(token), _reads, cancellationToken);

    /// <summary>
    /// A connection that was open failed because the server went away: the pool's other connections are as dead,
    /// so they are dropped now rather than failing one request each. Likewise after a schema change: every pooled
    /// connection may hold the statement that no longer fits (<see cref="DatabaseFailures.IsStalePlan"/>).
    /// </summary>
    public void Observe(Exception exception)
    {
        if (DatabaseFailures.IsServerAway(exception) || DatabaseFailures.IsStalePlan(exception))
        {
            ClearPools();
        }
    }

    private void ClearPools()
    {
        _dataSource.Clear();
        _reads.Clear();
    }
}
