using System.ComponentModel.DataAnnotations;

namespace CallCenter.Web.Pages.People;

/// <summary>A person's fields as a form holds them; named as the API names them, so its errors land beside each.</summary>
public class PersonInput
{
    [Required(ErrorMessage = "Enter their name as the floor knows them.")]
    [StringLength(100)]
    [Display(Name = "Name")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Choose a role.")]
    [Display(Name = "Role")]
    public string? Role { get; set; }

    /// <summary>An agent's desk: an existing agent, or <see cref="NewAgent"/> for a new one in <see cref="Department"/>.</summary>
    [Display(Name = "Agent")]
    public string? AgentId { get; set; }

    [Display(Name = "Department of a new agent")]
    public string? Department { get; set; }

    [StringLength(100)]
    [RegularExpression("^[a-z]{2}(,[a-z]{2})*$", ErrorMessage = "Languages are two-letter codes separated by commas, e.g. ar,en.")]
    [Display(Name = "Languages of a new agent")]
    public string? Languages { get; set; }

    public const string NewAgent = "new";

    /// <summary>What the API is sent: the agent fields only for an agent, and a new agent only when asked for.</summary>
    public Dictionary<string, object?> ToApi()
    {
        var agent = Role == SignIn.FloorRoles.Agent;
        var newAgent = agent && AgentId == NewAgent;
        return new Dictionary<string, object?>
        {
            ["display_name"] = DisplayName?.Trim(),
            ["role"] = Role,
            ["agent_id"] = agent && !newAgent && !string.IsNullOrWhiteSpace(AgentId) ? AgentId : null,
            ["department"] = newAgent ? Department : null,
            ["languages"] = newAgent && !string.IsNullOrWhiteSpace(Languages) ? Languages.Trim() : null,
        };
    }
}
