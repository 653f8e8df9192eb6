using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Security;

/// <summary>
/// Object-level rules of the floor (OWASP API1/API5): an agent works the calls and tickets of their own
/// department (or assigned to them) and changes only their own status. Every other role passes; which roles may
/// reach an endpoint at all is the endpoint's policy.
/// </summary>
public sealed class FloorAccess(FloorCallers callers)
{
    public FloorCaller Caller => callers.Current;

    /// <summary>The department a list is limited to: an agent's own, whatever they asked for.</summary>
    public string? DepartmentScope(string? requested, string field)
    {
        var caller = Caller;
        if (!caller.IsAgent)
        {
            return requested;
        }

        if (requested is not null && requested != caller.Department)
        {
            throw Forbidden(field, $"an agent sees only their own department ({caller.Department}).");
        }

        return caller.Department;
    }

    public void EnsureCanWork(string what, string id, string? department, string? assignedAgent)
    {
        var caller = Caller;
        if (caller.IsAgent && department != caller.Department && assignedAgent != caller.AgentId)
        {
            throw Forbidden(what, $"{what} '{id}' belongs to another department; an agent works only {caller.Department}.");
        }
    }

    /// <summary>An agent acts only as themselves (their status, taking a call, assigning a ticket).</summary>
    public void EnsureIsSelf(string? agentId, string field)
    {
        var caller = Caller;
        if (caller.IsAgent && agentId is not null && agentId != caller.AgentId)
        {
            throw Forbidden(field, $"an agent acts only for themselves ({caller.AgentId}), not for {agentId}.");
        }
    }

    private static ApiProblemException Forbidden(string field, string message) => ApiProblemException.Forbidden(field, message);
}
