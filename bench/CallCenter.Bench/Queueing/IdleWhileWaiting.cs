namespace CallCenter.Bench.Queueing;

/// <summary>
/// What "wastes no agent" rules out, measured: the agent time spent available while a call waited, the integral over
/// time of min(agents available, calls waiting). A perfect ACD keeps it at zero; every offer's decision adds a little.
/// </summary>
public static class IdleWhileWaiting
{
    public static TimeSpan Total(
        IEnumerable<(DateTime From, DateTime To)> agentsAvailable, IEnumerable<(DateTime From, DateTime To)> callsWaiting, DateTime start, DateTime end)
    {
        var changes = agentsAvailable.Where(span => span.To > span.From).SelectMany(span => new[] { (At: span.From, Agents: 1, Calls: 0), (At: span.To, Agents: -1, Calls: 0) })
            .Concat(callsWaiting.Where(span => span.To > span.From).SelectMany(span => new[] { (At: span.From, Agents: 0, Calls: 1), (At: span.To, Agents: 0, Calls: -1) }))
            .OrderBy(change => change.At)
            .ToList();
        var (agents, calls, total) = (0, 0, TimeSpan.Zero);
        var previous = start;
        foreach (var change in changes)
        {
            var at = change.At < start ? start : change.At > end ? end : change.At;
            total += Math.Min(agents, calls) * (at - previous);
            previous = at;
            agents += change.Agents;
            calls += change.Calls;
        }

        return total;
    }
}
