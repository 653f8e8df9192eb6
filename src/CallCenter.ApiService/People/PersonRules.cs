using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;

namespace CallCenter.ApiService.People;

/// <summary>
/// What may change about a person, decided before anything is written: nobody changes their own role or
/// disables themselves, the floor always keeps an enabled admin, and exactly agents work an agent's desk.
/// </summary>
public static class PersonRules
{
    public static readonly string[] Roles = [FloorRoles.Agent, FloorRoles.Supervisor, FloorRoles.Admin];

    public static void CheckChange(string actorUserName, Person person, string newRole, bool disable, int otherEnabledAdmins)
    {
        var self = string.Equals(actorUserName, person.UserName, StringComparison.OrdinalIgnoreCase);
        if (self && newRole != person.Role)
        {
            throw ApiProblemException.Invalid("role", "you cannot change your own role; another admin can.");
        }

        if (self && disable && !person.Disabled)
        {
            throw ApiProblemException.Invalid("disabled", "you cannot disable yourself; another admin can.");
        }

        var wasEnabledAdmin = person.Role == FloorRoles.Admin && !person.Disabled;
        var staysEnabledAdmin = newRole == FloorRoles.Admin && !disable;
        if (wasEnabledAdmin && !staysEnabledAdmin && otherEnabledAdmins == 0)
        {
            var field = newRole == FloorRoles.Admin ? "disabled" : "role";
            throw ApiProblemException.Conflict($"{field}: '{person.UserName}' is the last enabled admin; make someone else an admin first.");
        }
    }

    /// <summary>An agent works one agent's desk (an existing agent, or a new one in a department); nobody else does.</summary>
    public static void CheckAgentLink(string role, string? agentId, string? newAgentDepartment)
    {
        if (role == FloorRoles.Agent && agentId is null && newAgentDepartment is null)
        {
            throw ApiProblemException.Invalid("agent_id", "an agent works an agent's desk: name an existing agent, or a department for a new one.");
        }

        if (role != FloorRoles.Agent && (agentId is not null || newAgentDepartment is not null))
        {
            throw ApiProblemException.Invalid(agentId is not null ? "agent_id" : "department", "only an agent is linked to an agent.");
        }

        if (agentId is not null && newAgentDepartment is not null)
        {
            throw ApiProblemException.Invalid("department", "give either an existing agent_id or a department for a new agent, not both.");
        }
    }

    /// <summary>Whether a change ends the person's sign-ins: anything that changes what they may do.</summary>
    public static bool EndsSignIns(Person before, string newRole, string? newAgentId, bool disable) =>
        before.Role != newRole || before.AgentId != newAgentId || before.Disabled != disable;
}
