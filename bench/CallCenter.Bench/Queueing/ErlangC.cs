namespace CallCenter.Bench.Queueing;

/// <summary>
/// The Erlang C model (M/M/N, first come first served, nobody abandons): calls arriving at random at rate λ,
/// exponential handle times of mean h, N agents, so an offered load of A = λh erlangs. It predicts what an ACD that
/// never leaves a caller waiting next to a free agent achieves; it needs A &lt; N, else the queue grows without end.
/// </summary>
public sealed class ErlangC
{
    private ErlangC(int agents, double arrivalsPerSecond, double handleSeconds, double probabilityOfWaiting)
    {
        Agents = agents;
        ArrivalsPerSecond = arrivalsPerSecond;
        HandleSeconds = handleSeconds;
        ProbabilityOfWaiting = probabilityOfWaiting;
    }

    public int Agents { get; }

    public double ArrivalsPerSecond { get; }

    public double HandleSeconds { get; }

    /// <summary>A = λh, in erlangs.</summary>
    public double OfferedLoad => ArrivalsPerSecond * HandleSeconds;

    /// <summary>ρ = A / N: the share of the agents' time spent on calls.</summary>
    public double Occupancy => OfferedLoad / Agents;

    /// <summary>C(N, A): the probability that an arriving call finds every agent busy and waits.</summary>
    public double ProbabilityOfWaiting { get; }

    /// <summary>ASA = C(N, A) · h / (N − A), in seconds, over all calls (those answered at once count as 0).</summary>
    public double AverageSpeedOfAnswerSeconds => ProbabilityOfWaiting * HandleSeconds / (Agents - OfferedLoad);

    /// <summary>P(W &gt; t) = C(N, A) · e^(−(N − A) t / h): a waiting call's wait is exponential with rate (N − A) / h.</summary>
    public double ProbabilityOfWaitingLongerThan(double seconds) =>
        ProbabilityOfWaiting * Math.Exp(-(Agents - OfferedLoad) * seconds / HandleSeconds);

    /// <summary>
    /// Computed through Erlang B's recurrence, B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)), then
    /// C = N·B / (N − A(1 − B)): every step stays between 0 and 1, where the textbook sum of A^k/k! overflows or
    /// cancels for large N.
    /// </summary>
    public static ErlangC For(int agents, double arrivalsPerSecond, double handleSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(agents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(arrivalsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(handleSeconds);
        var load = arrivalsPerSecond * handleSeconds;
        if (load >= agents)
        {
            throw new ArgumentOutOfRangeException(nameof(arrivalsPerSecond),
                $"An offered load of {load:F2} erlangs needs more than {agents} agents: the queue would grow without end.");
        }

        var blocking = 1.0;
        for (var k = 1; k <= agents; k++)
        {
            blocking = load * blocking / (k + load * blocking);
        }

        return new ErlangC(agents, arrivalsPerSecond, handleSeconds, agents * blocking / (agents - load * (1 - blocking)));
    }
}
