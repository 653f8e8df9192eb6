namespace CallCenter.Bench.Queueing;

/// <summary>
/// An ACD that wastes no agent and takes no time to decide, fed the very arrivals and handle times a run produced:
/// calls are answered in arrival order, each by the agent free soonest, at once if one is free. Its waits are what
/// the run's own callers would have seen from a perfect ACD, so comparing with them separates the system's share
/// of a difference from chance in the sample (which, over a few thousand calls, moves the average wait by ±20 %).
/// </summary>
public static class IdealQueue
{
    /// <param name="arrivals">Seconds from any origin, in the order the calls joined the queue.</param>
    /// <param name="handleSeconds">The i-th call's handle time: how long it keeps its agent from other calls.</param>
    /// <returns>Each call's wait in seconds, in the same order.</returns>
    public static double[] Waits(int agents, IReadOnlyList<double> arrivals, IReadOnlyList<double> handleSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(agents);
        if (arrivals.Count != handleSeconds.Count)
        {
            throw new ArgumentException("Every call needs both an arrival and a handle time.", nameof(handleSeconds));
        }

        // Agents are alike, so only when each is next free matters, not who they are.
        var freeAt = new PriorityQueue<int, double>();
        for (var agent = 0; agent < agents; agent++)
        {
            freeAt.Enqueue(agent, double.NegativeInfinity);
        }

        var waits = new double[arrivals.Count];
        for (var call = 0; call < arrivals.Count; call++)
        {
            freeAt.TryDequeue(out var agent, out var free);
            var answered = Math.Max(arrivals[call], free);
            waits[call] = answered - arrivals[call];
            freeAt.Enqueue(agent, answered + handleSeconds[call]);
        }

        return waits;
    }
}
