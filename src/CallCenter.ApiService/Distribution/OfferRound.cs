using CallCenter.ApiService.Data;

namespace CallCenter.ApiService.Distribution;

/// <summary>
/// One round of matching: calls in queue order, each offered to the best eligible agent still free in this round.
/// An agent gets at most one offer and a call at most one; an agent already ringing is not available, so is never
/// offered. Calls of manual departments are left for agents to pick. Greedy in queue order is what a floor expects
/// (the head of the queue is served first) and leaves no waiting call next to an eligible free agent.
/// </summary>
public sealed class OfferRound(AcdOptions options, TimeProvider clock)
{
    private readonly QueueOrder _order = new(options.Ageing);
    private readonly AgentChoice _choice = new(options);

    public IReadOnlyList<Offer> Match(IEnumerable<WaitingCall> calls, IEnumerable<AgentCandidate> agents)
    {
        var now = clock.UtcNow();
        var free = agents.Where(agent => agent.Activity == AgentActivity.Available).DistinctBy(agent => agent.AgentId).ToList();
        var offered = new HashSet<string>(StringComparer.Ordinal);
        var offers = new List<Offer>();
        foreach (var call in _order.Sort(calls.Where(call => options.For(call.Department).Mode == AcdMode.Auto), now))
        {
            if (free.Count == 0)
            {
                break;
            }

            if (offered.Contains(call.CallId) || _choice.Best(call, free, now) is not { } agent)
            {
                continue;
            }

            offered.Add(call.CallId);
            free.Remove(agent);
            offers.Add(Offer.Make(call, agent, now, options.RingTimeout));
        }

        return offers;
    }
}
